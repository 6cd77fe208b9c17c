package dev.eden.schema.load;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.SourcePos;
import dev.eden.schema.model.Value;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the YAML documents of one file into positioned {@link Value}s (YAML 1.2 core schema).
 * Hostile input is bounded: aliases, code points, nesting and expanded size are limited, and every
 * problem becomes a located {@link Diagnostic}.
 */
final class YamlDocuments {

  /** The documents of a file that parsed, and the problems (at most one syntax error). */
  record Parsed(List<Value> documents, List<Diagnostic> errors) {}

  /** Larger manifest files are refused before parsing (a manifest is a few kilobytes). */
  static final int MAX_BYTES = 1024 * 1024;

  private YamlDocuments() {}

  static Parsed parse(String file, byte[] bytes) {
    List<Value> docs = new ArrayList<>();
    List<Diagnostic> errors = new ArrayList<>();
    if (bytes.length > MAX_BYTES) {
      errors.add(
          new Diagnostic(
              SourcePos.ofFile(file),
              "file is larger than " + MAX_BYTES + " bytes; split it into smaller manifests"));
      return new Parsed(docs, errors);
    }
    Optional<String> text = decode(file, bytes, errors);
    if (text.isEmpty()) {
      return new Parsed(docs, errors);
    }
    try {
      Iterator<Node> nodes =
          new Compose(settings(file)).composeAllFromString(text.get()).iterator();
      while (nodes.hasNext()) {
        Node node = nodes.next();
        if (!isEmptyDocument(node)) {
          docs.add(new NodeConverter(file).convert(node, errors));
        }
      }
    } catch (MarkedYamlEngineException e) {
      errors.add(new Diagnostic(markPos(file, e), "YAML syntax error: " + problem(e)));
    } catch (YamlEngineException | IllegalArgumentException | IllegalStateException e) {
      errors.add(new Diagnostic(SourcePos.ofFile(file), "cannot read YAML: " + e.getMessage()));
    } catch (StackOverflowError e) {
      errors.add(new Diagnostic(SourcePos.ofFile(file), "YAML is nested too deeply"));
    }
    return new Parsed(docs, errors);
  }

  private static LoadSettings settings(String file) {
    return LoadSettings.builder()
        .setLabel(file)
        .setSchema(new CoreSchema())
        .setAllowRecursiveKeys(false)
        .setMaxAliasesForCollections(50)
        .setCodePointLimit(MAX_BYTES)
        .setAllowDuplicateKeys(true)
        .build();
  }

  private static boolean isEmptyDocument(Node node) {
    return node instanceof ScalarNode s && s.getValue().isEmpty() && s.isPlain();
  }

  private static SourcePos markPos(String file, MarkedYamlEngineException e) {
    Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
    return mark.map(m -> new SourcePos(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(SourcePos.ofFile(file));
  }

  private static String problem(MarkedYamlEngineException e) {
    String problem = e.getProblem();
    String context = e.getContext();
    if (problem == null || problem.isBlank()) {
      return context == null ? "malformed document" : context;
    }
    return context == null || context.isBlank() ? problem : problem + " (" + context + ")";
  }

  /** The text of {@code bytes} as UTF-8 (a BOM dropped), or a located error. */
  private static Optional<String> decode(String file, byte[] bytes, List<Diagnostic> errors) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      out.flip();
      errors.add(new Diagnostic(endOf(file, out), "file is not valid UTF-8"));
      return Optional.empty();
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  private static SourcePos endOf(String file, CharSequence text) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SourcePos(file, line, column);
  }
}
