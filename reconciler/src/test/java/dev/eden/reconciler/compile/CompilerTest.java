package dev.eden.reconciler.compile;

import static dev.eden.reconciler.compile.Fixture.targets;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.proto.DeferredRef;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.schema.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompilerTest {

  private final Compiler compiler = new Compiler();
  private final Fixture f = new Fixture("prod/web.yaml");

  private static Struct facts() {
    return Struct.newBuilder()
        .putFields("hostname", Value.newBuilder().setStringValue("web-1.example").build())
        .putFields("cpus", Value.newBuilder().setNumberValue(4).build())
        .putFields(
            "os",
            Value.newBuilder()
                .setStructValue(
                    Struct.newBuilder()
                        .putFields("family", Value.newBuilder().setStringValue("debian").build()))
                .build())
        .build();
  }

  private static final List<NodeInput> NODES =
      List.of(
          new NodeInput("web-1", Map.of("tier", "web", "env", "prod"), facts()),
          NodeInput.of("web-2", Map.of("tier", "web", "env", "prod")),
          NodeInput.of("db-1", Map.of("tier", "db", "env", "prod")));

  private NodePlan planOf(List<Manifest> objects, String node) {
    CompileResult r = compiler.compile(Fixture.revision("a1", objects), NODES);
    assertThat(r.diagnostics()).isEmpty();
    return r.plans().get(node);
  }

  private String render(String template) {
    Manifest tb =
        f.taskBook(
            "prod",
            "web",
            targets(List.of(), List.of("web-1"), null),
            Map.of("greeting", "hello", "apps", List.of("a", "b")),
            List.of(f.step("s", "cmd.run", Map.of("cmd", template))));
    PlanStep step = planOf(List.of(tb), "web-1").getSteps(0);
    return step.getParameters().getFieldsOrThrow("cmd").getStringValue();
  }

  static Stream<Arguments> contexts() {
    return Stream.of(
        Arguments.of("node name", "{{node.name}}", "web-1"),
        Arguments.of("label", "{{node.labels.tier}}", "web"),
        Arguments.of("fact", "{{facts.hostname}}", "web-1.example"),
        Arguments.of("integral fact prints as integer", "{{facts.cpus}}", "4"),
        Arguments.of("nested fact", "{{facts.os.family}}", "debian"),
        Arguments.of("variable", "{{vars.greeting}} world", "hello world"),
        Arguments.of("namespace", "{{namespace}}", "prod"),
        Arguments.of("no html escaping", "a<b>&'\"{{vars.greeting}}", "a<b>&'\"hello"),
        Arguments.of(
            "each over a list", "{{#each vars.apps}}{{this}}{{@index}},{{/each}}", "a0,b1,"),
        Arguments.of("if on a missing value", "{{#if vars.nope}}y{{else}}n{{/if}}", "n"),
        Arguments.of(
            "nodes helper",
            "{{#each (nodes \"tier=web\")}}{{name}}:{{labels.env}} {{/each}}",
            "web-1:prod web-2:prod "),
        Arguments.of(
            "nodes helper sees facts",
            "{{#each (nodes \"tier=web\")}}{{#if facts.cpus}}{{facts.cpus}};{{/if}}{{/each}}",
            "4;"),
        Arguments.of("nodes block", "{{#nodes \"tier=db\"}}{{name}}{{/nodes}}", "db-1"),
        Arguments.of("no template", "plain text", "plain text"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contexts")
  void rendersTemplateContext(String name, String template, String expected) {
    assertThat(render(template)).isEqualTo(expected);
  }

  @Test
  void stepsFollowTaskBookOrderAndRequires() {
    Manifest tb =
        f.taskBook(
            "prod",
            "web",
            targets(List.of(), List.of("web-1"), null),
            null,
            List.of(
                f.step("c", "cmd.run", Map.of("cmd", "c"), "b"),
                f.step("a", "cmd.run", Map.of("cmd", "a")),
                f.step("b", "cmd.run", Map.of("cmd", "b"))));
    NodePlan plan = planOf(List.of(tb), "web-1");
    assertThat(plan.getStepsList())
        .extracting(PlanStep::getId)
        .containsExactly("prod/web/a", "prod/web/b", "prod/web/c");
    assertThat(plan.getSteps(2).getRequiresList()).containsExactly("prod/web/b");
    assertThat(plan.getSteps(0).getTaskbook()).isEqualTo("prod/web");
  }

  @Test
  void targetsUnionOfGroupsAndNodesFilteredBySelector() {
    List<Manifest> objects =
        List.of(
            f.nodeGroup("web", "tier=web", List.of(), null),
            f.taskBook(
                "prod",
                "t",
                targets(List.of("web"), List.of("db-1"), "env=prod"),
                null,
                List.of(f.step("s", "cmd.run", Map.of("cmd", "x")))),
            f.taskBook(
                "prod",
                "u",
                targets(List.of("web"), List.of(), "tier!=web"),
                null,
                List.of(f.step("s", "cmd.run", Map.of("cmd", "x")))));
    CompileResult r = compiler.compile(Fixture.revision("a1", objects), NODES);
    assertThat(r.plans()).containsOnlyKeys("db-1", "web-1", "web-2");
    for (String n : List.of("db-1", "web-1", "web-2")) {
      assertThat(r.plans().get(n).getStepsList())
          .extracting(PlanStep::getId)
          .containsExactly("prod/t/s");
    }
  }

  @Test
  void suspendedTaskBooksAreSkipped() {
    Manifest tb =
        f.taskBook(
            "prod",
            "web",
            true,
            targets(List.of(), List.of(), "tier=web"),
            null,
            List.of(f.step("s", "cmd.run", Map.of("cmd", "x"))));
    assertThat(planOf(List.of(tb), "web-1").getStepsCount()).isZero();
  }

  @Test
  void nodeObjectsAreKnownNodesWithTheirLabelsUnderTheAgents() {
    List<Manifest> objects =
        List.of(
            f.node("web-1", Map.of("tier", "db", "rack", "r1"), null),
            f.node("spare", Map.of("tier", "web", "rack", "r9"), null),
            f.taskBook(
                "prod",
                "web",
                targets(List.of(), List.of(), "tier=web"),
                null,
                List.of(f.step("s", "cmd.run", Map.of("cmd", "{{node.labels.rack}}")))));
    CompileResult r = compiler.compile(Fixture.revision("a1", objects), NODES.subList(0, 1));
    assertThat(r.plans()).containsOnlyKeys("web-1", "spare");
    assertThat(r.plans().get("web-1").getSteps(0).getParameters().getFieldsOrThrow("cmd"))
        .extracting(Value::getStringValue)
        .isEqualTo("r1");
    assertThat(r.nodeErrors()).isEmpty();
  }

  @Test
  void forEachExpandsListsAndMapsAndRequiresWaitsForEveryExpansion() {
    Manifest tb =
        f.taskBook(
            "prod",
            "web",
            targets(List.of(), List.of("web-1"), null),
            Map.of(
                "apps",
                List.of(Map.of("name", "api"), Map.of("name", "ui")),
                "users",
                new java.util.TreeMap<>(Map.of("ann", 1001, "bob", 1002))),
            List.of(
                f.forEach("app config", "vars.apps", Map.of("path", "/etc/{{item.name}}.conf")),
                f.forEach(
                    "user", "vars.users", Map.of("uid", "{{itemKey}}={{item}}#{{itemIndex}}")),
                f.step("restart", "cmd.run", Map.of("cmd", "x"), "app config", "user")));
    NodePlan plan = planOf(List.of(tb), "web-1");
    assertThat(plan.getStepsList())
        .extracting(PlanStep::getName)
        .containsExactly("app config[0]", "app config[1]", "user[ann]", "user[bob]", "restart");
    assertThat(plan.getSteps(1).getParameters().getFieldsOrThrow("path").getStringValue())
        .isEqualTo("/etc/ui.conf");
    assertThat(plan.getSteps(3).getParameters().getFieldsOrThrow("uid").getStringValue())
        .isEqualTo("bob=1002#1");
    assertThat(plan.getSteps(4).getRequiresList())
        .containsExactly(
            "prod/web/app config[0]",
            "prod/web/app config[1]",
            "prod/web/user[ann]",
            "prod/web/user[bob]");
  }

  @Test
  void forEachOverSomethingElseIsALocatedError() {
    Manifest tb =
        f.taskBook(
            "prod",
            "web",
            targets(List.of(), List.of("web-1"), null),
            Map.of("name", "x"),
            List.of(
                f.forEach("a", "vars.name", Map.of("path", "p")),
                f.forEach("b", "vars.nothing", Map.of("path", "p"))));
    CompileResult r = compiler.compile(Fixture.revision("a1", List.of(tb)), NODES);
    assertThat(r.plans()).doesNotContainKey("web-1");
    assertThat(r.nodeErrors().get("web-1"))
        .extracting(Object::toString)
        .anySatisfy(
            s ->
                assertThat(s)
                    .matches(
                        "prod/web.yaml:\\d+:3: forEach: vars.name is the string \"x\", not a list or a map"))
        .anySatisfy(
            s ->
                assertThat(s)
                    .matches("prod/web.yaml:\\d+:3: forEach: vars.nothing does not exist"));
  }

  @Test
  void exportAndOutputBecomeDeferredTokens() {
    Manifest tb =
        f.taskBook(
            "prod",
            "web",
            targets(List.of(), List.of("web-1"), null),
            null,
            List.of(
                f.step("make token", "cmd.run", Map.of("cmd", "kubeadm token create")),
                f.step(
                    "join",
                    "cmd.run",
                    Map.of(
                        "cmd",
                        "join --token {{export 'join-token'}} --from {{output \"make token\"}}"))));
    PlanStep join = planOf(List.of(tb), "web-1").getSteps(1);
    assertThat(join.getParameters().getFieldsOrThrow("cmd").getStringValue())
        .isEqualTo(
            "join --token @@eden:export:join-token@@ --from @@eden:output:prod/web/make token@@");
    assertThat(join.getDeferredList())
        .containsExactly(
            DeferredRef.newBuilder()
                .setKind(DeferredRef.Kind.EXPORT)
                .setName("join-token")
                .setToken("@@eden:export:join-token@@")
                .build(),
            DeferredRef.newBuilder()
                .setKind(DeferredRef.Kind.OUTPUT)
                .setName("prod/web/make token")
                .setToken("@@eden:output:prod/web/make token@@")
                .build());
  }

  @Test
  void unknownVariableInAParameterIsAnErrorAtItsColumn() {
    Fixture g = new Fixture("prod/bad.yaml");
    Manifest tb =
        g.taskBook(
            "prod",
            "web",
            targets(List.of(), List.of("web-1"), null),
            null,
            List.of(g.step("s", "cmd.run", Map.of("cmd", "echo {{vars.nope}}"))));
    CompileResult r = compiler.compile(Fixture.revision("a1", List.of(tb)), NODES);
    // the scalar sits at column 3 of its line (Fixture); "vars.nope" starts 7 characters in
    assertThat(r.nodeErrors().get("web-1"))
        .extracting(Object::toString)
        .singleElement()
        .asString()
        .matches("prod/bad.yaml:\\d+:10: unknown variable 'vars.nope'");
  }

  @Test
  void unknownVariableInATemplateFileIsAnErrorAtFileLineColumn() {
    Fixture g = new Fixture("prod/app.yaml");
    Manifest tb =
        g.taskBook(
            "prod",
            "web",
            targets(List.of(), List.of("web-1"), null),
            Map.of("port", 80),
            List.of(
                g.step(
                    "conf",
                    "file.managed",
                    Map.of("path", "/etc/app.conf", "template", "templates/app.conf.hbs"))));
    Revision rev =
        new Revision(
            "main@sha1:b2",
            List.of(tb),
            Fixture.tree(
                Map.of(
                    "prod/templates/app.conf.hbs", "port={{vars.port}}\n  host={{vars.host}}\n")));
    CompileResult r = compiler.compile(rev, NODES);
    assertThat(r.diagnostics())
        .extracting(Object::toString)
        .containsExactly(
            "prod/templates/app.conf.hbs:2:10: unknown variable 'vars.host' (node web-1)");
  }

  @Test
  void templateFileRendersIntoContent() {
    Fixture g = new Fixture("prod/app.yaml");
    Manifest tb =
        g.taskBook(
            "prod",
            "web",
            targets(List.of(), List.of("web-1"), null),
            Map.of("port", 80),
            List.of(
                g.step(
                    "conf",
                    "file.managed",
                    Map.of("path", "/etc/app.conf", "template", "../shared/app.hbs"))));
    Revision rev =
        new Revision(
            "main@sha1:b2",
            List.of(tb),
            Fixture.tree(Map.of("shared/app.hbs", "listen {{vars.port}} on {{node.name}}\n")));
    CompileResult r = compiler.compile(rev, NODES);
    Struct params = r.plans().get("web-1").getSteps(0).getParameters();
    assertThat(params.getFieldsMap()).containsOnlyKeys("path", "content");
    assertThat(params.getFieldsOrThrow("content").getStringValue())
        .isEqualTo("listen 80 on web-1\n");
  }

  @Test
  void identicalRecompileGivesTheSameHashAndOtherNodesChangesLeaveItAlone() {
    Fixture g = new Fixture("prod/db.yaml");
    Manifest web =
        f.taskBook(
            "prod",
            "web",
            targets(List.of(), List.of(), "tier=web"),
            null,
            List.of(f.step("s", "cmd.run", Map.of("cmd", "{{node.name}}"))));
    List<Manifest> before = new ArrayList<>(List.of(web));
    before.add(
        g.taskBook(
            "prod",
            "db",
            targets(List.of(), List.of(), "tier=db"),
            null,
            List.of(g.step("s", "cmd.run", Map.of("cmd", "v1")))));
    List<Manifest> after = new ArrayList<>(List.of(web));
    after.add(
        new Fixture("prod/db.yaml")
            .taskBook(
                "prod",
                "db",
                targets(List.of(), List.of(), "tier=db"),
                null,
                List.of(g.step("s", "cmd.run", Map.of("cmd", "v2")))));
    CompileResult one = compiler.compile(Fixture.revision("a1", before), NODES);
    CompileResult two = compiler.compile(Fixture.revision("a1", before), NODES);
    CompileResult three = compiler.compile(Fixture.revision("b2", after), NODES);
    String hash = one.plans().get("web-1").getHash();
    assertThat(hash).hasSize(64).isEqualTo(PlanHash.of(one.plans().get("web-1")));
    assertThat(two.plans().get("web-1").getHash()).isEqualTo(hash);
    assertThat(three.plans().get("web-1").getHash()).isEqualTo(hash);
    assertThat(three.plans().get("web-1").getRevision()).isEqualTo("main@sha1:b2");
    assertThat(three.plans().get("db-1").getHash()).isNotEqualTo(one.plans().get("db-1").getHash());
  }

  @Test
  void syncAndTargetLimitListTheTaskBooksNodes() {
    dev.eden.schema.model.Spec.Step base = f.step("join", "cmd.run", Map.of("cmd", "x"));
    dev.eden.schema.model.Spec.Step join =
        new dev.eden.schema.model.Spec.Step(
            base.name(),
            base.action(),
            base.parameters(),
            base.forEach(),
            base.requires(),
            base.conditions(),
            new dev.eden.schema.model.Spec.RunOptions(
                java.util.Optional.of(2),
                true,
                java.util.Optional.of(java.time.Duration.ofSeconds(30)),
                java.util.Optional.of(
                    new dev.eden.schema.model.Spec.RunTarget(
                        java.util.Optional.of(1), Fixture.sel("env=prod")))),
            java.util.Optional.of(
                new dev.eden.schema.model.Spec.Export("token", Fixture.sel("tier=web"))),
            true,
            base.pos());
    Manifest tb =
        f.taskBook("prod", "web", targets(List.of(), List.of(), "tier"), null, List.of(join));
    PlanStep step = planOf(List.of(tb), "db-1").getSteps(0);
    assertThat(step.getRunOptions().getSerializeCount()).isEqualTo(2);
    assertThat(step.getRunOptions().getSync()).isTrue();
    assertThat(step.getRunOptions().getSyncTimeoutMs()).isEqualTo(30_000);
    assertThat(step.getRunOptions().getTargetLimit()).isEqualTo(1);
    assertThat(step.getRunOptions().getTargetSelector()).isEqualTo("env=prod");
    // the plan names no other node (the reconciler records who takes part), only whether this
    // node is a candidate: db-1 matches env=prod
    assertThat(step.getRunOptions().getTargetCandidate()).isTrue();
    assertThat(step.getExport().getName()).isEqualTo("token");
    assertThat(step.getExport().getVisibleTo()).isEqualTo("tier=web");
    assertThat(step.getSensitive()).isTrue();
    assertThat(step.getSource()).startsWith("prod/web.yaml:");
  }
}
