package dev.eden.reconciler.compile;

import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.ObjectKey;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The fingerprint of a node's inputs in one prepared revision: everything its plan depends on. Two
 * equal fingerprints mean the same plan, so an incremental compile skips the node. Inputs: the
 * node's name, labels and facts; each TaskBook targeting it (its object and template files); each
 * Beacon targeting it; the variable objects that apply to it, in order; and the nodes that its
 * templates' {@code nodes "selector"} lookups matched last time.
 */
final class Fingerprints {

  private final PreparedRevision rev;
  private final Function<String, byte[]> factsDigest;
  private final Map<ObjectKey, byte[]> objects = new HashMap<>();
  private final Map<String, byte[]> taskBooks = new HashMap<>();
  private final Map<String, byte[]> selections = new ConcurrentHashMap<>();

  /** {@code factsDigest}: the digest of a node's facts, by node name (cached by the caller). */
  Fingerprints(PreparedRevision rev, Function<String, byte[]> factsDigest) {
    this.rev = rev;
    this.factsDigest = factsDigest;
    for (Manifest m : rev.revision.objects()) {
      objects.put(m.key(), Digest.of(m.toString()));
    }
    for (PreparedTaskBook tb : rev.taskBooks) {
      taskBooks.put(tb.key(), taskBook(tb));
    }
  }

  private byte[] taskBook(PreparedTaskBook tb) {
    Digest d = new Digest().add(objects.get(tb.manifest().key()));
    for (String file : tb.templateFiles()) {
      try {
        d.add(file).add(rev.revision.tree().read(file));
      } catch (IOException e) {
        d.add(file).add("unreadable");
      }
    }
    return d.done();
  }

  /** The fingerprint of {@code node}, whose templates last looked up {@code selectors}. */
  byte[] of(KnownNode node, Set<String> selectors) {
    Digest d = new Digest().add(node.name()).add(node.labels()).add(factsDigest.apply(node.name()));
    List<String> groups = rev.groupsOf(node.name());
    for (PreparedTaskBook tb : rev.taskBooksOf(node.name())) {
      d.add(tb.key()).add(taskBooks.get(tb.key()));
      for (VarSource s : rev.scopes.sources(node, groups, tb.namespace(), tb.vars())) {
        d.add(s.level().name()).add(objects.get(s.object()));
      }
    }
    for (PreparedBeacon b : rev.beaconsOf(node.name())) {
      d.add(b.key()).add(objects.get(b.manifest().key()));
      for (VarSource s : rev.scopes.sources(node, groups, b.namespace(), Optional.empty())) {
        d.add(s.level().name()).add(objects.get(s.object()));
      }
    }
    for (String selector : selectors) {
      d.add(selector).add(selections.computeIfAbsent(selector, this::selection));
    }
    return d.done();
  }

  private byte[] selection(String selector) {
    Digest d = new Digest();
    try {
      for (Map<String, Object> n : rev.nodes.select(selector)) {
        String name = (String) n.get("name");
        d.add(name).add(rev.nodes.get(name).labels()).add(factsDigest.apply(name));
      }
    } catch (RuntimeException e) {
      d.add("bad selector");
    }
    return d.done();
  }

  static boolean same(byte[] a, byte[] b) {
    return a != null && Arrays.equals(a, b);
  }
}
