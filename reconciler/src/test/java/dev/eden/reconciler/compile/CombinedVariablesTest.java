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
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values that are templates over other variables, loaded from YAML so positions are real. */
class CombinedVariablesTest {

  @TempDir Path dir;

  private static final String CLUSTER =
      """
      apiVersion: v1alpha
      kind: ClusterVariable
      metadata: {name: endpoints}
      spec:
        values:
          scheme: https
          port: 443
          host: "{{node.name}}.example"
          url: "{{vars.scheme}}://{{vars.host}}:{{vars.port}}"
          health: "{{vars.url}}/healthz"
          upstreams: ["{{vars.host}}:80", "static:80"]
          literal: "\\\\{{not a template}}"
      """;

  private static final String TASKBOOK =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: web, namespace: prod}
      spec:
        targets: {nodes: [web-1, web-2]}
        vars: {port: 8443}
        steps:
          - name: s
            action: cmd.run
            parameters:
              cmd: "{{vars.health}} {{#each vars.upstreams}}{{this}} {{/each}}{{vars.literal}}"
      """;

  private static final List<NodeInput> NODES =
      List.of(NodeInput.of("web-1", Map.of()), NodeInput.of("web-2", Map.of()));

  @Test
  void combinedValuesRenderAfterTheMergeForEachNode() throws IOException {
    CompileResult r = compile(Map.of("vars.yaml", CLUSTER, "web.yaml", TASKBOOK));

    assertThat(r.diagnostics()).isEmpty();
    assertThat(cmd(r.plans().get("web-1")))
        .isEqualTo(
            "https://web-1.example:8443/healthz web-1.example:80 static:80 {{not a template}}");
    assertThat(cmd(r.plans().get("web-2"))).startsWith("https://web-2.example:8443/healthz ");
  }

  @Test
  void explainSaysWhatEachCombinedValueWasMadeFrom() throws IOException {
    Revision revision = revision(Map.of("vars.yaml", CLUSTER, "web.yaml", TASKBOOK));

    Map<String, VariableExplanation.Entry> byKey =
        new Compiler()
            .explain(revision, NODES, "web-1").entries().stream()
                .collect(Collectors.toMap(VariableExplanation.Entry::key, Function.identity()));

    VariableExplanation.Entry url = byKey.get("url");
    assertThat(url.value()).isEqualTo("https://web-1.example:8443");
    assertThat(url.madeFrom()).containsExactly("vars.scheme", "vars.host", "vars.port");
    assertThat(url.pos()).hasToString("vars.yaml:9:10");
    assertThat(byKey.get("health").madeFrom()).containsExactly("vars.url");
    assertThat(byKey.get("upstreams").value()).isEqualTo(List.of("web-1.example:80", "static:80"));
    assertThat(byKey.get("upstreams").madeFrom()).containsExactly("vars.host");
    assertThat(byKey.get("port").madeFrom()).isEmpty();
    assertThat(byKey.get("port").value()).isEqualTo(8443L);
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(
            "a cycle of two",
            "a: \"{{vars.b}}\"\n    b: \"x{{vars.a}}\"",
            "vars.yaml:6:8: variable 'vars.a' refers to itself: vars.a → vars.b → vars.a"),
        Arguments.of(
            "a value that names itself",
            "a: \"again {{vars.a}}\"",
            "vars.yaml:6:8: variable 'vars.a' refers to itself: vars.a → vars.a"),
        Arguments.of(
            "an unknown variable",
            "a: \"{{vars.scheme}}://{{vars.nope}}\"",
            "vars.yaml:6:29: unknown variable 'vars.nope'"),
        Arguments.of(
            "a run-time value",
            "a: \"{{export 'token'}}\"",
            "vars.yaml:6:11: 'export' is known only when a step runs, and a variable is rendered"
                + " before: use it in the step's parameters instead"),
        Arguments.of(
            "a template syntax error",
            "a: \"{{vars.scheme\"",
            "vars.yaml:6:22: template: found: 'EOF', expected: '}}'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void badCombinedValueIsAnErrorAtTheValue(String name, String values, String expected)
      throws IOException {
    String vars =
        """
        apiVersion: v1alpha
        kind: ClusterVariable
        metadata: {name: endpoints}
        spec:
          values:
            %s
            scheme: https
        """
            .formatted(values);
    CompileResult r =
        compile(
            Map.of(
                "vars.yaml",
                vars,
                "web.yaml",
                TASKBOOK.replace(
                    "{{vars.health}} {{#each vars.upstreams}}{{this}} {{/each}}{{vars.literal}}",
                    "x")));

    assertThat(r.diagnostics())
        .extracting(Object::toString)
        .containsExactly(expected + " (node web-1 and 1 more)");
  }

  private String cmd(NodePlan plan) {
    return plan.getSteps(0).getParameters().getFieldsOrThrow("cmd").getStringValue();
  }

  private CompileResult compile(Map<String, String> files) throws IOException {
    return new Compiler().compile(revision(files), NODES);
  }

  private Revision revision(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue());
    }
    SourceTree tree = SourceTree.ofDirectory(dir);
    LoadResult loaded = ManifestLoader.load(tree);
    assertThat(loaded.errors()).isEmpty();
    return new Revision("main@sha1:1", loaded.objects(), tree);
  }
}
