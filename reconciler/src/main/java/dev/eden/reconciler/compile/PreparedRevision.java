package dev.eden.reconciler.compile;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec.BeaconSpec;
import dev.eden.schema.model.Spec.NodeGroupSpec;
import dev.eden.schema.model.Spec.Targets;
import dev.eden.schema.model.Spec.TaskBookSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything about one revision and one set of nodes that does not depend on a single node: known
 * nodes, group members, which TaskBooks target which nodes, prepared steps and templates, the
 * variable scopes. Built once; read by every node's compilation in parallel.
 */
final class PreparedRevision {

  final Revision revision;
  final KnownNodes nodes;
  final VariableScopes scopes;
  final TemplateCache templates;
  final CombinedVars combined;
  final List<PreparedTaskBook> taskBooks;
  final List<PreparedBeacon> beacons;
  final List<Diagnostic> errors = new ArrayList<>();
  private final Map<String, Set<String>> groupMembers = new TreeMap<>();
  private final Map<String, List<String>> groupsOfNode = new HashMap<>();
  private final Map<String, List<PreparedTaskBook>> taskBooksOfNode = new HashMap<>();
  private final Map<String, PreparedTaskBook> taskBookByKey = new HashMap<>();
  private final Map<String, List<PreparedBeacon>> beaconsOfNode = new HashMap<>();

  private PreparedRevision(
      Revision revision,
      Collection<NodeInput> inputs,
      TemplateEngine engine,
      TemplateCache previous) {
    this.revision = revision;
    List<Manifest> sorted = new ArrayList<>(revision.objects());
    sorted.sort(
        Comparator.comparing((Manifest m) -> m.metadata().namespace().orElse(""))
            .thenComparing(m -> m.metadata().name()));
    this.nodes = KnownNodes.of(sorted, inputs);
    this.scopes = new VariableScopes(sorted);
    this.templates = new TemplateCache(engine, previous);
    this.combined = new CombinedVars(engine);
    groups(sorted);
    this.taskBooks = taskBooks(sorted);
    for (PreparedTaskBook tb : taskBooks) {
      taskBookByKey.put(tb.key(), tb);
      if (!tb.manual()) {
        // manual TaskBooks run only when dispatched, never as part of a node's plan
        tb.targets()
            .forEach(n -> taskBooksOfNode.computeIfAbsent(n, k -> new ArrayList<>()).add(tb));
      }
      errors.addAll(tb.errors());
    }
    this.beacons = beacons(sorted);
    for (PreparedBeacon b : beacons) {
      b.targets().forEach(n -> beaconsOfNode.computeIfAbsent(n, k -> new ArrayList<>()).add(b));
      errors.addAll(b.errors());
    }
  }

  static PreparedRevision prepare(
      Revision revision,
      Collection<NodeInput> inputs,
      TemplateEngine engine,
      TemplateCache previous) {
    return new PreparedRevision(revision, inputs, engine, previous);
  }

  private void groups(List<Manifest> sorted) {
    for (Manifest m : sorted) {
      if (m.kind() != Kind.NODE_GROUP) {
        continue;
      }
      NodeGroupSpec g = m.spec(NodeGroupSpec.class);
      Set<String> members = new TreeSet<>();
      g.selector().ifPresent(sel -> members.addAll(nodes.names(sel)));
      g.nodes().stream().filter(n -> nodes.get(n) != null).forEach(members::add);
      groupMembers.put(m.metadata().name(), members);
      members.forEach(
          n -> groupsOfNode.computeIfAbsent(n, k -> new ArrayList<>()).add(m.metadata().name()));
    }
  }

  private List<PreparedTaskBook> taskBooks(List<Manifest> sorted) {
    List<PreparedTaskBook> out = new ArrayList<>();
    for (Manifest m : sorted) {
      if (m.kind() != Kind.TASK_BOOK || m.spec(TaskBookSpec.class).suspend()) {
        continue;
      }
      TaskBookSpec spec = m.spec(TaskBookSpec.class);
      Optional<VarSource> vars =
          spec.vars().map(v -> VarSource.of(scopes.nextId(), m.key(), VariableLevel.TASK_BOOK, v));
      out.add(
          PreparedTaskBook.prepare(
              m, targets(m, spec.targets()), templates, revision.tree(), vars));
    }
    return List.copyOf(out);
  }

  private List<PreparedBeacon> beacons(List<Manifest> sorted) {
    List<PreparedBeacon> out = new ArrayList<>();
    for (Manifest m : sorted) {
      if (m.kind() == Kind.BEACON) {
        List<String> targets = targets(m, m.spec(BeaconSpec.class).targets());
        out.add(PreparedBeacon.prepare(m, targets, templates, revision.tree()));
      }
    }
    return List.copyOf(out);
  }

  private List<String> targets(Manifest m, Targets t) {
    Set<String> chosen = new TreeSet<>();
    if (t.nodeGroups().isEmpty() && t.nodes().isEmpty()) {
      t.selector().ifPresent(sel -> chosen.addAll(nodes.names(sel)));
      return List.copyOf(chosen);
    }
    for (String g : t.nodeGroups()) {
      Set<String> members = groupMembers.get(g);
      if (members == null) {
        errors.add(new Diagnostic(m.pos(), m.kind() + " targets unknown NodeGroup \"" + g + "\""));
      } else {
        chosen.addAll(members);
      }
    }
    t.nodes().stream().filter(n -> nodes.get(n) != null).forEach(chosen::add);
    t.selector().ifPresent(sel -> chosen.removeIf(n -> !sel.matches(nodes.get(n).labels())));
    return List.copyOf(chosen);
  }

  /** The groups {@code node} belongs to, sorted by name. */
  List<String> groupsOf(String node) {
    return groupsOfNode.getOrDefault(node, List.of());
  }

  /** The Beacons that target {@code node}, sorted by namespace and name. */
  List<PreparedBeacon> beaconsOf(String node) {
    return beaconsOfNode.getOrDefault(node, List.of());
  }

  /** A TaskBook that is not suspended, by {@code namespace/name}, whatever its mode. */
  Optional<PreparedTaskBook> taskBook(String key) {
    return Optional.ofNullable(taskBookByKey.get(key));
  }

  /** The TaskBooks in {@code node}'s plan (manual ones are not), sorted by namespace and name. */
  List<PreparedTaskBook> taskBooksOf(String node) {
    return taskBooksOfNode.getOrDefault(node, List.of());
  }
}
