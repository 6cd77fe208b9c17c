package dev.eden.reconciler.compile;

import static dev.eden.reconciler.compile.Fixture.targets;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.reconciler.compile.VariableExplanation.Entry;
import dev.eden.schema.model.Manifest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VariablesTest {

  private static final Fixture F = new Fixture("vars.yaml");
  private static final List<NodeInput> NODES =
      List.of(
          NodeInput.of("web-1", Map.of("tier", "web")), NodeInput.of("db-1", Map.of("tier", "db")));

  /** One object per level (and a few that must not apply), each setting overlapping keys. */
  private static final List<Manifest> OBJECTS =
      List.of(
          F.clusterVariable(
              "a-cluster",
              null,
              Map.of(
                  "port",
                  1,
                  "db",
                  Map.of("host", "cluster-db", "user", "cluster", "opts", Map.of("ssl", true)),
                  "list",
                  List.of(1, 2),
                  "only",
                  "cluster")),
          F.clusterVariable("b-cluster-db", "tier=db", Map.of("only", "db nodes")),
          F.variable(
              "prod",
              "ns",
              null,
              List.of(),
              List.of(),
              Map.of("port", 2, "db", Map.of("host", "ns-db"))),
          F.variable("other", "elsewhere", null, List.of(), List.of(), Map.of("port", 99)),
          F.nodeGroup("web", "tier=web", List.of(), Map.of("port", 3, "list", List.of(9))),
          F.variable(
              "prod", "grp", null, List.of("web"), List.of(), Map.of("db", Map.of("pool", 5))),
          F.node("web-1", Map.of(), Map.of("port", 4)),
          F.variable(
              "prod",
              "pinned",
              null,
              List.of(),
              List.of("web-1"),
              Map.of("db", Map.of("user", "pinned"))),
          F.taskBook(
              "prod",
              "web",
              targets(List.of("web"), List.of(), null),
              Map.of("greeting", "hi", "db", Map.of("opts", Map.of("ssl", false))),
              List.of(F.step("s", "cmd.run", Map.of("cmd", "{{vars.port}}")))));

  static Stream<Arguments> leaves() {
    return Stream.of(
        Arguments.of("port", 4L, "Node/web-1", VariableLevel.NODE),
        Arguments.of("db.host", "ns-db", "Variable/prod/ns", VariableLevel.NAMESPACE),
        Arguments.of("db.user", "pinned", "Variable/prod/pinned", VariableLevel.NODE),
        Arguments.of("db.pool", 5L, "Variable/prod/grp", VariableLevel.NODE_GROUP),
        Arguments.of("db.opts.ssl", false, "TaskBook/prod/web", VariableLevel.TASK_BOOK),
        Arguments.of("list", List.of(9L), "NodeGroup/web", VariableLevel.NODE_GROUP),
        Arguments.of("only", "cluster", "ClusterVariable/a-cluster", VariableLevel.CLUSTER),
        Arguments.of("greeting", "hi", "TaskBook/prod/web", VariableLevel.TASK_BOOK));
  }

  @ParameterizedTest(name = "{0} comes from {2}")
  @MethodSource("leaves")
  void mergesFiveLevelsWithProvenance(String key, Object value, String from, VariableLevel level) {
    Map<String, Entry> byKey =
        new Compiler()
            .explain(Fixture.revision("a1", OBJECTS), NODES, "web-1").entries().stream()
                .collect(Collectors.toMap(Entry::key, Function.identity()));
    assertThat(byKey)
        .containsOnlyKeys(
            "port", "db.host", "db.user", "db.pool", "db.opts.ssl", "list", "only", "greeting");
    Entry e = byKey.get(key);
    assertThat(e.value()).isEqualTo(value);
    assertThat(e.from()).hasToString(from);
    assertThat(e.level()).isEqualTo(level);
    assertThat(e.scope()).isEqualTo("prod/web");
    assertThat(e.pos().file()).isEqualTo("vars.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void templatesSeeTheMergedValues(String template, String expected) {
    Fixture f = new Fixture("t.yaml");
    List<Manifest> objects = new java.util.ArrayList<>(OBJECTS.subList(0, OBJECTS.size() - 1));
    objects.add(
        f.taskBook(
            "prod",
            "web",
            targets(List.of("web"), List.of(), null),
            Map.of("db", Map.of("opts", Map.of("ssl", false))),
            List.of(f.step("s", "cmd.run", Map.of("cmd", template)))));
    CompileResult r = new Compiler().compile(Fixture.revision("a1", objects), NODES);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(
            r.plans()
                .get("web-1")
                .getSteps(0)
                .getParameters()
                .getFieldsOrThrow("cmd")
                .getStringValue())
        .isEqualTo(expected);
  }

  static Stream<Arguments> rendered() {
    return Stream.of(
        Arguments.of("{{vars.port}}", "4"),
        Arguments.of("{{vars.db.host}}/{{vars.db.user}}/{{vars.db.pool}}", "ns-db/pinned/5"),
        Arguments.of("{{vars.db.opts.ssl}}", "false"),
        Arguments.of("{{#each vars.list}}{{this}}{{/each}}", "9"),
        Arguments.of("{{#with vars.db}}{{host}}{{/with}}", "ns-db"));
  }
}
