package dev.eden.schema.load;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.SourcePos;
import dev.eden.schema.model.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns a snakeyaml-engine node graph into positioned {@link Value}s (1-based lines and columns).
 * Aliases are expanded within a budget, so a "billion laughs" document becomes an error.
 */
final class NodeConverter {

  static final int MAX_DEPTH = 100;
  static final int MAX_NODES = 200_000;

  private final String file;
  private int budget = MAX_NODES;
  private boolean limitReported;

  NodeConverter(String file) {
    this.file = file;
  }

  /** The value of {@code node}; problems (duplicate keys, limits) are added to {@code errors}. */
  Value convert(Node node, List<Diagnostic> errors) {
    return convert(node, 0, errors);
  }

  private Value convert(Node node, int depth, List<Diagnostic> errors) {
    SourcePos pos = pos(node);
    if (--budget < 0 || depth > MAX_DEPTH) {
      if (!limitReported) {
        limitReported = true;
        errors.add(
            new Diagnostic(
                pos,
                depth > MAX_DEPTH
                    ? "YAML is nested more than " + MAX_DEPTH + " levels deep"
                    : "YAML expands to more than " + MAX_NODES + " values (too many aliases?)"));
      }
      return new Value.Scalar(null, pos);
    }
    if (node instanceof MappingNode m) {
      return mapping(m, pos, depth, errors);
    }
    if (node instanceof SequenceNode s) {
      List<Value> items = new ArrayList<>();
      for (Node item : s.getValue()) {
        items.add(convert(item, depth + 1, errors));
      }
      return new Value.Seq(items, pos);
    }
    return scalar((ScalarNode) node, pos);
  }

  private Value mapping(MappingNode m, SourcePos pos, int depth, List<Diagnostic> errors) {
    Map<String, Value> entries = new LinkedHashMap<>();
    Map<String, SourcePos> keys = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      SourcePos keyPos = pos(t.getKeyNode());
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        errors.add(new Diagnostic(keyPos, "a mapping key must be a plain value, not a collection"));
        continue;
      }
      String key = k.getValue();
      if (entries.containsKey(key)) {
        errors.add(
            new Diagnostic(
                keyPos,
                "duplicate key '" + key + "' (first at line " + keys.get(key).line() + ")"));
        continue;
      }
      keys.put(key, keyPos);
      entries.put(key, convert(t.getValueNode(), depth + 1, errors));
    }
    return new Value.Map(entries, keys, pos);
  }

  private Value.Scalar scalar(ScalarNode s, SourcePos pos) {
    return new Value.Scalar(plain(s), pos, textColumn(s));
  }

  /** The column where the text starts when the source maps onto it 1:1 on one line, else 0. */
  private static int textColumn(ScalarNode s) {
    if (s.getStartMark().isEmpty() || s.getEndMark().isEmpty()) {
      return 0;
    }
    var start = s.getStartMark().get();
    var end = s.getEndMark().get();
    boolean quoted =
        s.getScalarStyle() == ScalarStyle.SINGLE_QUOTED
            || s.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED;
    boolean literalOrFolded = !quoted && s.getScalarStyle() != ScalarStyle.PLAIN;
    int span = end.getColumn() - start.getColumn();
    int expected = s.getValue().length() + (quoted ? 2 : 0);
    if (literalOrFolded || start.getLine() != end.getLine() || span != expected) {
      return 0;
    }
    return start.getColumn() + 1 + (quoted ? 1 : 0);
  }

  private static Object plain(ScalarNode s) {
    String text = s.getValue();
    Tag tag = s.getTag();
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
    }
    if (tag.equals(Tag.INT)) {
      return integer(text);
    }
    if (tag.equals(Tag.FLOAT)) {
      return floating(text);
    }
    return text;
  }

  private static Object integer(String text) {
    try {
      String t = text.startsWith("+") ? text.substring(1) : text;
      BigInteger v =
          t.startsWith("0x")
              ? new BigInteger(t.substring(2), 16)
              : t.startsWith("0o") ? new BigInteger(t.substring(2), 8) : new BigInteger(t);
      return v.bitLength() < 64 ? (Object) v.longValue() : text;
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static Object floating(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    return switch (t) {
      case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
      case "-.inf" -> Double.NEGATIVE_INFINITY;
      case ".nan" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          yield text;
        }
      }
    };
  }

  private SourcePos pos(Node node) {
    return node.getStartMark()
        .map(m -> new SourcePos(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(SourcePos.ofFile(file));
  }
}
