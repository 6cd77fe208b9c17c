package dev.eden.reconciler.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.NodePlan;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node joining changes no other node's plan: plans say what a coordinated step asks for (sync,
 * serialize, target), never who else takes part. Only a template that lists nodes depends on them.
 */
class NodeJoinPlanHashTest {

  private static final String COORDINATED =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: cluster, namespace: ops}
      spec:
        targets: {selector: "tier=web"}
        steps:
          - name: join token
            action: cmd.run
            parameters: {cmd: "kubeadm token create"}
            runOptions: {target: {limit: 1, selector: "role=master"}}
            export: {name: join-token, visibleTo: "role=worker"}
          - name: join
            action: cmd.run
            requires: [join token]
            parameters: {cmd: "kubeadm join {{export 'join-token'}}"}
            runOptions: {serialize: {count: 2}, sync: true, target: {selector: "role=worker"}}
      """;

  private static final String LISTS_NODES =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: lb, namespace: ops}
      spec:
        targets: {selector: "tier=web"}
        steps:
          - name: backends
            action: file.managed
            parameters:
              path: /etc/backends
              content: "{{#each (nodes \\"tier=web\\")}}{{name}} {{/each}}"
      """;

  @TempDir Path dir;

  @Test
  void aNodeJoiningLeavesTheOtherPlansOfCoordinatedStepsUnchanged() throws IOException {
    Files.writeString(dir.resolve("cluster.yaml"), COORDINATED);

    Map<String, String> before = hashes(compile(fleet(3)));
    Map<String, String> after = hashes(compile(fleet(4)));

    assertThat(after).containsAllEntriesOf(before).containsKey("web-4");
    NodePlan worker = compile(fleet(4)).plans().get("web-2");
    assertThat(worker.getStepsList())
        .extracting(s -> s.getRunOptions().toString())
        .allSatisfy(o -> assertThat(o).doesNotContain("web-"));
  }

  @Test
  void aTemplateListingNodesChangesTheOtherPlansWhenANodeJoins() throws IOException {
    Files.writeString(dir.resolve("cluster.yaml"), COORDINATED);
    Files.writeString(dir.resolve("lb.yaml"), LISTS_NODES);

    Map<String, String> before = hashes(compile(fleet(3)));
    Map<String, String> after = hashes(compile(fleet(4)));

    for (String node : before.keySet()) {
      assertThat(after.get(node)).as(node).isNotEqualTo(before.get(node));
    }
  }

  @Test
  void aSelectorAloneNarrowsTheStepToTheMatchingNodes() throws IOException {
    Files.writeString(dir.resolve("cluster.yaml"), COORDINATED);

    CompileResult r = compile(fleet(3));

    assertThat(r.plans().get("web-1").getStepsList())
        .extracting(s -> s.getName())
        .containsExactly("join token");
    assertThat(r.plans().get("web-1").getSteps(0).getRunOptions().getTargetCandidate()).isTrue();
    assertThat(r.plans().get("web-2").getStepsList())
        .extracting(s -> s.getName())
        .containsExactly("join token", "join");
    assertThat(r.plans().get("web-2").getSteps(0).getRunOptions().getTargetCandidate()).isFalse();
    assertThat(r.plans().get("web-2").getSteps(1).getRequiresList())
        .containsExactly("ops/cluster/join token");
  }

  /** web-1 is the master, the others workers. */
  private static List<NodeInput> fleet(int size) {
    return java.util.stream.IntStream.rangeClosed(1, size)
        .mapToObj(
            i ->
                NodeInput.of(
                    "web-" + i, Map.of("tier", "web", "role", i == 1 ? "master" : "worker")))
        .toList();
  }

  private static Map<String, String> hashes(CompileResult r) {
    assertThat(r.diagnostics()).isEmpty();
    Map<String, String> out = new TreeMap<>();
    r.plans().forEach((node, plan) -> out.put(node, PlanHash.of(plan)));
    return out;
  }

  private CompileResult compile(List<NodeInput> nodes) {
    SourceTree tree = SourceTree.ofDirectory(dir);
    LoadResult loaded = ManifestLoader.load(tree);
    assertThat(loaded.errors()).isEmpty();
    return new Compiler().compile(new Revision("main@sha1:1", loaded.objects(), tree), nodes);
  }
}
