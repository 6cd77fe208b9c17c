package dev.eden.reconciler.compile;

import dev.eden.schema.SourcePos;
import dev.eden.schema.load.SourceTree;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.ObjectMeta;
import dev.eden.schema.model.Spec;
import dev.eden.schema.model.Value;
import dev.eden.schema.select.LabelSelector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds objects by hand for compiler tests and the benchmark: every value gets its own line in a
 * made-up file, so provenance can be checked.
 */
final class Fixture {

  private final String file;
  private int line = 1;

  Fixture(String file) {
    this.file = file;
  }

  SourcePos next() {
    return new SourcePos(file, line++, 3);
  }

  Value value(Object plain) {
    SourcePos pos = next();
    if (plain instanceof Map<?, ?> m) {
      Map<String, Value> entries = new LinkedHashMap<>();
      Map<String, SourcePos> keys = new LinkedHashMap<>();
      m.forEach(
          (k, v) -> {
            keys.put(k.toString(), pos);
            entries.put(k.toString(), value(v));
          });
      return new Value.Map(entries, keys, pos);
    }
    if (plain instanceof List<?> l) {
      List<Value> items = new ArrayList<>();
      l.forEach(i -> items.add(value(i)));
      return new Value.Seq(items, pos);
    }
    Object v = plain instanceof Integer i ? (Object) i.longValue() : plain;
    return new Value.Scalar(v, pos, v instanceof String ? pos.column() : 0);
  }

  Value.Map map(Map<String, ?> plain) {
    return (Value.Map) value(plain);
  }

  private Manifest manifest(Kind kind, String ns, String name, Spec spec) {
    ObjectMeta meta = new ObjectMeta(name, Optional.ofNullable(ns), Map.of(), Map.of());
    return new Manifest(Kind.API_VERSION, kind, meta, spec, next());
  }

  static Optional<LabelSelector> sel(String s) {
    return s == null ? Optional.empty() : Optional.of(LabelSelector.parse(s));
  }

  Manifest clusterVariable(String name, String selector, Map<String, ?> values) {
    return manifest(
        Kind.CLUSTER_VARIABLE,
        null,
        name,
        new Spec.ClusterVariableSpec(sel(selector), map(values)));
  }

  Manifest variable(
      String ns,
      String name,
      String selector,
      List<String> groups,
      List<String> nodes,
      Map<String, ?> values) {
    return manifest(
        Kind.VARIABLE, ns, name, new Spec.VariableSpec(sel(selector), groups, nodes, map(values)));
  }

  Manifest nodeGroup(String name, String selector, List<String> nodes, Map<String, ?> vars) {
    return manifest(
        Kind.NODE_GROUP,
        null,
        name,
        new Spec.NodeGroupSpec(sel(selector), nodes, Optional.ofNullable(vars).map(this::map)));
  }

  Manifest node(String name, Map<String, String> labels, Map<String, ?> vars) {
    return manifest(
        Kind.NODE, null, name, new Spec.NodeSpec(labels, Optional.ofNullable(vars).map(this::map)));
  }

  Manifest taskBook(
      String ns, String name, Spec.Targets targets, Map<String, ?> vars, List<Spec.Step> steps) {
    return taskBook(ns, name, false, targets, vars, steps);
  }

  Manifest taskBook(
      String ns,
      String name,
      boolean suspend,
      Spec.Targets targets,
      Map<String, ?> vars,
      List<Spec.Step> steps) {
    Spec.TaskBookSpec spec =
        new Spec.TaskBookSpec(
            Spec.Mode.CONVERGE,
            suspend,
            Spec.Approval.AUTO,
            targets,
            Optional.ofNullable(vars).map(this::map),
            steps);
    return manifest(Kind.TASK_BOOK, ns, name, spec);
  }

  static Spec.Targets targets(List<String> groups, List<String> nodes, String selector) {
    return new Spec.Targets(groups, nodes, sel(selector));
  }

  Spec.Step step(String name, String action, Map<String, ?> params, String... requires) {
    return new Spec.Step(
        name,
        action,
        map(params),
        Optional.empty(),
        List.of(requires),
        Optional.empty(),
        Spec.RunOptions.none(),
        Optional.empty(),
        false,
        next());
  }

  Spec.Step forEach(String name, String path, Map<String, ?> params, String... requires) {
    Spec.Step s = step(name, "file.managed", params, requires);
    return new Spec.Step(
        s.name(),
        s.action(),
        s.parameters(),
        Optional.of(new Value.Scalar(path, next())),
        s.requires(),
        s.conditions(),
        s.runOptions(),
        s.export(),
        s.sensitive(),
        s.pos());
  }

  /** A source tree over files in memory. */
  static SourceTree tree(Map<String, String> files) {
    Map<String, String> sorted = new TreeMap<>(files);
    return new SourceTree() {
      @Override
      public List<String> paths() {
        return List.copyOf(sorted.keySet());
      }

      @Override
      public byte[] read(String path) throws IOException {
        String text = sorted.get(path);
        if (text == null) {
          throw new NoSuchFileException(path);
        }
        return text.getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  static Revision revision(String sha, List<Manifest> objects) {
    return new Revision("main@sha1:" + sha, objects, tree(Map.of()));
  }
}
