package dev.eden.bench;

import com.google.protobuf.CodedOutputStream;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.reconciler.compile.CompileResult;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.reconciler.compile.Revision;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plan bytes per node and in all for a TaskBook with a sync step and a run-once step, at growing
 * fleet sizes: plans carry no node lists, so the bytes per node do not grow with the fleet. The
 * "with node lists" column is what the same plans weighed when RunOptions carried {@code
 * sync_nodes} (every targeted node, field 7) and {@code target_nodes} (the candidates, field 6),
 * computed exactly from the protobuf encoding. See README.md.
 */
public final class SyncPlanBench {

  private static final String BOOK =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: cluster, namespace: ops}
      spec:
        targets: {selector: "tier=k8s"}
        steps:
          - name: join token
            action: cmd.run
            parameters: {cmd: "kubeadm token create"}
            runOptions: {target: {limit: 1, selector: "role=master"}}
            export: {name: join-token, visibleTo: "role=worker"}
          - name: join
            action: cmd.run
            requires: [join token]
            parameters: {cmd: "kubeadm join --token {{export 'join-token'}}"}
            runOptions: {serialize: {count: 2}, sync: true}
      """;

  private SyncPlanBench() {}

  public static void main(String[] args) {
    List<Integer> sizes =
        args.length > 0 ? List.of(Integer.parseInt(args[0])) : List.of(100, 1_000, 10_000);
    SourceTree tree = BenchRepo.tree(Map.of("cluster.yaml", BOOK));
    LoadResult loaded = ManifestLoader.load(tree);
    if (!loaded.ok()) {
      throw new IllegalStateException("does not load: " + loaded.errors());
    }
    Revision revision = new Revision("main@sha1:sync", loaded.objects(), tree);
    String row = "%8s %14s %14s %20s %20s%n";
    System.out.printf(
        row, "nodes", "bytes/node", "total bytes", "with lists, /node", "with lists, total");
    for (int n : sizes) {
      CompileResult r = new Compiler().compile(revision, fleet(n));
      if (!r.ok()) {
        throw new IllegalStateException("does not compile: " + r.diagnostics());
      }
      long total = 0;
      long old = 0;
      for (NodePlan p : r.plans().values()) {
        total += p.getSerializedSize();
        old += withNodeLists(p, n);
      }
      System.out.printf(
          row,
          String.format("%,d", n),
          String.format("%,d", total / n),
          String.format("%,d", total),
          String.format("%,d", old / n),
          String.format("%,d", old));
    }
  }

  /** The fleet: node-00001 is the master, every other node a worker. */
  private static List<NodeInput> fleet(int n) {
    List<NodeInput> nodes = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      nodes.add(
          NodeInput.of(
              String.format("node-%05d", i),
              Map.of("tier", "k8s", "role", i == 1 ? "master" : "worker")));
    }
    return nodes;
  }

  /**
   * The serialized size of {@code plan} had its RunOptions listed the nodes as before: every node
   * in {@code sync_nodes} of a sync step, the candidates in {@code target_nodes} of a target step.
   */
  private static long withNodeLists(NodePlan plan, int n) {
    long size = plan.getSerializedSize();
    for (PlanStep s : plan.getStepsList()) {
      long lists = 0;
      if (s.getRunOptions().getSync()) {
        lists += names(7, n);
      }
      if (s.getRunOptions().getTargetLimit() > 0) {
        lists += names(6, 1); // the one master matches role=master
      }
      if (lists > 0) {
        int options = s.getRunOptions().getSerializedSize();
        int step = s.getSerializedSize();
        long grownOptions = options + lists;
        long grownStep = step + lists + prefix(grownOptions) - prefix(options);
        size += grownStep + prefix(grownStep) - step - prefix(step);
      }
    }
    return size;
  }

  /** Bytes of the first {@code count} node names in repeated string field {@code field}. */
  private static long names(int field, int count) {
    long bytes = 0;
    for (int i = 1; i <= count; i++) {
      bytes += CodedOutputStream.computeStringSize(field, String.format("node-%05d", i));
    }
    return bytes;
  }

  private static int prefix(long length) {
    return CodedOutputStream.computeUInt32SizeNoTag((int) length);
  }
}
