package dev.eden.reconciler.approval;

import dev.eden.schema.SourcePos;
import dev.eden.schema.load.SourceTree;
import dev.eden.schema.load.TemplatePaths;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec.Step;
import dev.eden.schema.model.Spec.TaskBookSpec;
import dev.eden.schema.model.Value;
import dev.eden.schema.select.LabelSelector;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The content digest that names one version of a TaskBook: SHA-256 over a canonical text of its
 * spec (steps, vars, targets, mode, approval; maps sorted, positions left out) and of every
 * template file its steps name (path and bytes). Moving the TaskBook within its file, editing its
 * labels or changing any other file keeps its version; a change to what it does makes a new one.
 */
final class TaskBookDigest {

  private TaskBookDigest() {}

  /** The version of {@code taskBook}, whose template files are read from {@code tree}. */
  static String of(Manifest taskBook, SourceTree tree) {
    TaskBookSpec spec = taskBook.spec(TaskBookSpec.class);
    StringBuilder text = new StringBuilder();
    write(text, spec);
    MessageDigest sha = sha256();
    sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
    for (String file : templateFiles(spec)) {
      sha.update(frame(file.getBytes(StandardCharsets.UTF_8)));
      try {
        sha.update(frame(tree.read(file)));
      } catch (IOException e) {
        sha.update(frame("<missing>".getBytes(StandardCharsets.UTF_8)));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The repository paths of the template files the steps name, sorted. */
  static Set<String> templateFiles(TaskBookSpec spec) {
    Set<String> files = new TreeSet<>();
    for (Step s : spec.steps()) {
      templatePath(s).ifPresent(files::add);
    }
    return files;
  }

  /** Where a step's top-level {@code template} parameter points, if it names a file. */
  static Optional<String> templatePath(Step s) {
    if (s.parameters().get("template") instanceof Value.Scalar t && t.value() instanceof String p) {
      try {
        return Optional.of(TemplatePaths.resolve(t.pos().file(), p));
      } catch (TemplatePaths.TemplatePathException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static void write(StringBuilder out, Object v) {
    if (v == null) {
      out.append('~');
    } else if (v instanceof Value value) {
      writeValue(out, value);
    } else if (v instanceof Optional<?> o) {
      out.append(o.isPresent() ? "?" : "-");
      o.ifPresent(x -> write(out, x));
    } else if (v instanceof LabelSelector selector) {
      string(out, selector.toString());
    } else if (v instanceof Set<?> set) {
      TreeSet<String> sorted = new TreeSet<>();
      set.forEach(x -> sorted.add(canonical(x)));
      out.append('[');
      sorted.forEach(x -> out.append(x).append(','));
      out.append(']');
    } else if (v instanceof Collection<?> list) {
      out.append('[');
      list.forEach(x -> write(out.append(','), x));
      out.append(']');
    } else if (v instanceof Map<?, ?> map) {
      TreeMap<String, String> sorted = new TreeMap<>();
      map.forEach((k, x) -> sorted.put(canonical(k), canonical(x)));
      out.append('{');
      sorted.forEach((k, x) -> out.append(k).append(':').append(x).append(','));
      out.append('}');
    } else if (v instanceof Record r) {
      writeRecord(out, r);
    } else if (v instanceof Enum<?> e) {
      out.append(e.name());
    } else if (v instanceof String s) {
      string(out, s);
    } else {
      out.append(v.getClass().getSimpleName()).append('(');
      string(out, v.toString());
      out.append(')');
    }
  }

  private static void writeRecord(StringBuilder out, Record r) {
    out.append(r.getClass().getSimpleName()).append('(');
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (c.getType() == SourcePos.class) {
        continue;
      }
      out.append(c.getName()).append('=');
      try {
        write(out, c.getAccessor().invoke(r));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("reading " + c + " for a TaskBook digest", e);
      }
      out.append(';');
    }
    out.append(')');
  }

  private static void writeValue(StringBuilder out, Value v) {
    if (v instanceof Value.Scalar s) {
      Object x = s.value();
      out.append(x == null ? "null" : x.getClass().getSimpleName()).append(':');
      string(out, x == null ? "" : x.toString());
    } else if (v instanceof Value.Seq q) {
      write(out, q.items());
    } else {
      write(out, ((Value.Map) v).entries());
    }
  }

  private static String canonical(Object v) {
    StringBuilder out = new StringBuilder();
    write(out, v);
    return out.toString();
  }

  private static void string(StringBuilder out, String s) {
    out.append(s.length()).append('"').append(s).append('"');
  }

  private static byte[] frame(byte[] bytes) {
    int n = bytes.length;
    byte[] out = new byte[n + 4];
    out[0] = (byte) (n >>> 24);
    out[1] = (byte) (n >>> 16);
    out[2] = (byte) (n >>> 8);
    out[3] = (byte) n;
    System.arraycopy(bytes, 0, out, 4, n);
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
