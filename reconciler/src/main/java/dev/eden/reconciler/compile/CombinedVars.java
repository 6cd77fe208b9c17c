package dev.eden.reconciler.compile;

import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import dev.eden.schema.model.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Combined variables: a value in {@code values} or {@code vars} with {@code {{...}}} in it is a
 * template over the node's other variables (and {@code node}, {@code facts}, {@code namespace}),
 * rendered after the merge, for each node. A value may use another combined value; a cycle, an
 * unknown variable or a run-time helper ({@code export}, {@code output}) is a compile error at the
 * value's file:line:col. Thread-safe: nodes compile in parallel.
 */
final class CombinedVars {

  /** The merged variables with every combined value rendered, and what each was made from. */
  record Rendered(Map<String, Object> vars, Map<String, List<String>> madeFrom) {}

  /** Identity of a merged map: merges are shared per set of sources, so this is a cheap key. */
  private record Same(Map<String, Object> map) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Same s && s.map == map;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(map);
    }
  }

  private final TemplateEngine engine;
  private final Map<String, Template> templates = new ConcurrentHashMap<>();
  private final Map<Same, List<String>> combinedPaths = new ConcurrentHashMap<>();

  CombinedVars(TemplateEngine engine) {
    this.engine = engine;
  }

  /**
   * Renders the combined values of {@code merged} (the merge of {@code sources}) for one node.
   *
   * @param root the rest of the template context: {@code node}, {@code facts}, {@code namespace}
   * @throws CompileError at the value that cannot be rendered
   */
  Rendered render(
      Map<String, Object> merged,
      List<VarSource> sources,
      Map<String, Object> root,
      RenderScope scope) {
    List<String> paths = combinedPaths.computeIfAbsent(new Same(merged), k -> combined(merged));
    if (paths.isEmpty()) {
      return new Rendered(merged, Map.of());
    }
    Resolution resolution = new Resolution(merged, sources, root, scope, Set.copyOf(paths));
    for (String p : paths) {
      resolution.resolve(p);
    }
    return new Rendered(resolution.materialize(merged, ""), resolution.madeFrom());
  }

  /** The paths ({@code a.b}, {@code list[0]}) of every string with {@code {{} in it. */
  private static List<String> combined(Map<String, Object> merged) {
    List<String> out = new ArrayList<>();
    walk(merged, "", out);
    return List.copyOf(out);
  }

  private static void walk(Object value, String path, List<String> out) {
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> walk(v, VarView.child(path, k.toString()), out));
    } else if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        walk(l.get(i), path + "[" + i + "]", out);
      }
    } else if (value instanceof String s && s.contains("{{")) {
      out.add(path);
    }
  }

  /** One node's rendering: values done, the chain being rendered, and what each value read. */
  private final class Resolution {
    private final Map<String, Object> merged;
    private final List<VarSource> sources;
    private final Map<String, Object> root;
    private final RenderScope scope;
    private final Set<String> combined;
    private final Map<String, String> done = new LinkedHashMap<>();
    private final LinkedHashSet<String> rendering = new LinkedHashSet<>();
    private final Map<String, Set<String>> reads = new LinkedHashMap<>();
    private final VarView view;

    Resolution(
        Map<String, Object> merged,
        List<VarSource> sources,
        Map<String, Object> root,
        RenderScope scope,
        Set<String> combined) {
      this.merged = merged;
      this.sources = sources;
      this.root = root;
      this.scope = scope;
      this.combined = combined;
      this.view = new VarView(merged, "", this::read);
    }

    /** What a template reading {@code path} sees: a combined value is rendered first. */
    private Object read(String path, Object raw) {
      if (!rendering.isEmpty()) {
        reads.get(last()).add("vars." + path);
      }
      return combined.contains(path) ? resolve(path) : raw;
    }

    String resolve(String path) {
      String value = done.get(path);
      if (value != null) {
        return value;
      }
      Value.Scalar scalar = VarOrigin.scalar(sources, path);
      if (!rendering.add(path)) {
        List<String> chain = new ArrayList<>(rendering.stream().map(p -> "vars." + p).toList());
        chain = chain.subList(chain.indexOf("vars." + path), chain.size());
        throw new CompileError(
            scalar.pos(),
            "variable 'vars."
                + path
                + "' refers to itself: "
                + String.join(" → ", chain)
                + " → vars."
                + path);
      }
      reads.put(path, new LinkedHashSet<>());
      try {
        value = renderScalar(scalar);
      } finally {
        rendering.remove(path);
      }
      done.put(path, value);
      return value;
    }

    private String last() {
      String last = null;
      for (String p : rendering) {
        last = p;
      }
      return last;
    }

    private String renderScalar(Value.Scalar scalar) {
      Map<String, Object> context = new LinkedHashMap<>(root);
      context.put("vars", view);
      try {
        Template t = templates.computeIfAbsent(scalar.text(), CombinedVars.this::compile);
        return TextSink.render(t, engine.context(context, scope));
      } catch (HandlebarsException e) {
        CompileError inner = innerError(e);
        throw inner != null ? inner : TemplateErrors.inScalar(e, scalar);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Map<String, Object> materialize(Map<String, Object> map, String path) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, materializeValue(v, VarView.child(path, k))));
      return out;
    }

    @SuppressWarnings("unchecked")
    private Object materializeValue(Object v, String path) {
      if (v instanceof Map<?, ?> m) {
        return materialize((Map<String, Object>) m, path);
      }
      if (v instanceof List<?> l) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
          out.add(materializeValue(l.get(i), path + "[" + i + "]"));
        }
        return out;
      }
      return combined.contains(path) ? done.get(path) : v;
    }

    Map<String, List<String>> madeFrom() {
      Map<String, List<String>> out = new LinkedHashMap<>();
      reads.forEach((p, r) -> out.put(p, List.copyOf(r)));
      return out;
    }
  }

  private Template compile(String text) {
    try {
      return engine.inline(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The located error of a value a template used, when that is what failed. */
  private static CompileError innerError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CompileError c) {
        return c;
      }
    }
    return null;
  }

  /** Where a merged value was written: the narrowest source that sets it. */
  static final class VarOrigin {
    private VarOrigin() {}

    static Value.Scalar scalar(List<VarSource> sources, String path) {
      for (int i = sources.size() - 1; i >= 0; i--) {
        Value v = at(sources.get(i).values(), path);
        if (v instanceof Value.Scalar s) {
          return s;
        }
      }
      throw new IllegalStateException("no source sets vars." + path);
    }

    private static Value at(Value value, String path) {
      Value v = value;
      for (String part : VarView.parts(path)) {
        if (part.startsWith("[") && v instanceof Value.Seq seq) {
          int i = Integer.parseInt(part.substring(1, part.length() - 1));
          v = i < seq.items().size() ? seq.items().get(i) : null;
        } else if (v instanceof Value.Map m) {
          v = m.get(part);
        } else {
          return null;
        }
        if (v == null) {
          return null;
        }
      }
      return v;
    }
  }
}
