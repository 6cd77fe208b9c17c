package dev.eden.reconciler.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.common.WireText;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The compiler on manifests loaded from YAML, so positions are the loader's real ones. */
class LoadedRepositoryTest {

  @TempDir Path dir;

  private static final String HEAD =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: web, namespace: prod}
      spec:
        targets: {nodes: [web-1]}
        vars: {port: 80}
        steps:
          - name: s
            action: cmd.run
            parameters:
      """;

  static Stream<Arguments> unknownVariables() {
    return Stream.of(
        Arguments.of("plain scalar", "        cmd: echo {{vars.nope}}", "web.yaml:11:21"),
        Arguments.of("double-quoted", "        cmd: \"echo {{vars.nope}}\"", "web.yaml:11:22"),
        Arguments.of("single-quoted", "        cmd: 'echo {{ vars.nope }}'", "web.yaml:11:23"),
        Arguments.of(
            "in a flow map", "      {cmd: \"x={{vars.port}} {{vars.nope}}\"}", "web.yaml:10:44"),
        Arguments.of(
            "block scalar (the scalar's start)",
            "        cmd: |\n          echo\n          {{vars.nope}}",
            "web.yaml:11:14"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownVariables")
  void unknownVariableIsAnErrorAtItsLineAndColumn(String name, String line, String where)
      throws IOException {
    String text =
        line.startsWith("      {")
            ? HEAD.replace("parameters:\n", "parameters: " + line.trim() + "\n")
            : HEAD + line + "\n";
    Files.writeString(dir.resolve("web.yaml"), text);
    CompileResult r = compile(List.of(NodeInput.of("web-1", Map.of())));
    assertThat(r.diagnostics())
        .extracting(Object::toString)
        .containsExactly(where + ": unknown variable 'vars.nope' (node web-1)");
  }

  @Test
  void sampleRepositoryCompilesForEveryNodeWithFacts() {
    Path sample = Path.of("..", "schema", "src", "test", "resources", "repos", "all-kinds");
    LoadResult loaded = ManifestLoader.load(SourceTree.ofDirectory(sample));
    assertThat(loaded.errors()).isEmpty();
    List<NodeInput> nodes = new ArrayList<>();
    for (String n : List.of("lb-1", "web-1", "web-2", "web-3")) {
      Struct facts =
          Struct.newBuilder()
              .putFields(
                  "ipv4",
                  Value.newBuilder().setStringValue("10.0.0." + n.charAt(n.length() - 1)).build())
              .build();
      nodes.add(new NodeInput(n, Map.of(), facts));
    }
    CompileResult r =
        new Compiler()
            .compile(
                new Revision("main@sha1:abc", loaded.objects(), SourceTree.ofDirectory(sample)),
                nodes);
    assertThat(r.diagnostics()).isEmpty();
    NodePlan web1 = r.plans().get("web-1");
    assertThat(web1.getStepsList())
        .extracting(PlanStep::getId)
        .contains("prod/web/nginx package", "prod/web/app config[0]", "prod/web/app config[1]");
    PlanStep shop =
        web1.getStepsList().stream()
            .filter(s -> s.getName().equals("app config[0]"))
            .findFirst()
            .orElseThrow();
    assertThat(shop.getParameters().getFieldsOrThrow("content").getStringValue())
        .contains("shop on web-1")
        .contains("listen 8081");
    assertThat(web1.getBeaconsList())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.getName()).isEqualTo("ops/motd-present");
              assertThat(b.getIntervalMs()).isEqualTo(10_000);
              assertThat(b.getAction()).isEqualTo("cmd.run");
              assertThat(b.getEmitReason()).isEqualTo("MotdMissing");
              assertThat(WireText.of(b.getEmitOn())).isEqualTo("failure");
              assertThat(b.getParameters().getFieldsOrThrow("cmd").getStringValue())
                  .isEqualTo("test -f \"$EDEN_ROOT/etc/motd\"");
            });
    assertThat(r.plans().get("lb-1").getBeaconsList()).isEmpty();
    String haproxy =
        r.plans().get("lb-1").getStepsList().stream()
            .filter(s -> s.getId().equals("prod/lb/haproxy config"))
            .findFirst()
            .orElseThrow()
            .getParameters()
            .getFieldsOrThrow("content")
            .getStringValue();
    assertThat(haproxy).contains("server web-1 10.0.0.1:8080", "server web-3 10.0.0.3:8080");
  }

  @Test
  void nodeMetadataLabelsTargetAsSpecLabelsAndAgentLabelsWinPerKey() throws IOException {
    Files.writeString(
        dir.resolve("nodes.yaml"),
        """
        apiVersion: v1alpha
        kind: Node
        metadata: {name: web-1, labels: {tier: web, zone: a}}
        ---
        apiVersion: v1alpha
        kind: Node
        metadata: {name: web-2}
        spec: {labels: {tier: web, zone: a}}
        ---
        apiVersion: v1alpha
        kind: Node
        metadata: {name: db-1, labels: {tier: db}}
        spec: {labels: {tier: db, zone: b}}
        ---
        apiVersion: v1alpha
        kind: TaskBook
        metadata: {name: web, namespace: prod}
        spec:
          targets: {selector: "tier=web,zone=a"}
          steps:
            - {name: s, action: cmd.run, parameters: {cmd: "echo {{node.labels.zone}}"}}
        """);
    CompileResult r =
        compile(
            List.of(
                NodeInput.of("web-1", Map.of()),
                NodeInput.of("web-2", Map.of("zone", "b")),
                NodeInput.of("db-1", Map.of())));
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.plans().get("web-1").getStepsList())
        .extracting(s -> s.getParameters().getFieldsOrThrow("cmd").getStringValue())
        .containsExactly("echo a");
    assertThat(r.plans().get("web-2").getStepsList()).isEmpty();
    assertThat(r.plans().get("db-1").getStepsList()).isEmpty();
  }

  private CompileResult compile(List<NodeInput> nodes) {
    SourceTree tree = SourceTree.ofDirectory(dir);
    LoadResult loaded = ManifestLoader.load(tree);
    assertThat(loaded.errors()).isEmpty();
    return new Compiler().compile(new Revision("main@sha1:1", loaded.objects(), tree), nodes);
  }
}
