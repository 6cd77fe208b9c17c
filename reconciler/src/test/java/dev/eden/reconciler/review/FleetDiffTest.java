package dev.eden.reconciler.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.schema.load.SourceTree;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FleetDiffTest {

  static final String NODES =
      """
      apiVersion: v1alpha
      kind: Node
      metadata: {name: web-1}
      spec: {labels: {tier: web}}
      ---
      apiVersion: v1alpha
      kind: Node
      metadata: {name: web-2}
      spec: {labels: {tier: web}}
      ---
      apiVersion: v1alpha
      kind: Node
      metadata: {name: lb-1}
      spec: {labels: {tier: lb}}
      """;

  static final String VARS =
      """
      apiVersion: v1alpha
      kind: Variable
      metadata: {name: web-defaults, namespace: prod}
      spec:
        selector: "tier=web"
        values: {port: 8080, secret: s3cret-one, version: 1}
      """;

  static final String WEB =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: web, namespace: prod}
      spec:
        targets: {selector: "tier=web"}
        steps:
          - name: config
            action: file.managed
            parameters: {path: /etc/app.conf, template: app.conf.hbs, mode: "0644"}
          - name: secret
            action: file.managed
            parameters: {path: /etc/app.secret, content: "{{vars.secret}}", sensitive: true}
          - name: migrate
            action: cmd.run
            parameters: {cmd: "migrate --to {{vars.version}}"}
      """;

  static final String TEMPLATE = "listen {{vars.port}}\nworkers 4\nlog info\n";

  static final Map<String, String> BASE =
      Map.of("nodes.yaml", NODES, "vars.yaml", VARS, "web.yaml", WEB, "app.conf.hbs", TEMPLATE);

  /** One row: what HEAD changes, and what the diff must say. */
  record Row(String name, Map<String, String> head, Consumer<Result> expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  record Result(RevisionDiff diff, String text, String markdown, String json) {}

  static Stream<Arguments> rows() {
    return Stream.of(
            new Row(
                "nothing changes",
                Map.of(),
                r -> {
                  assertThat(r.diff().exitCode()).isZero();
                  assertThat(r.text()).contains("no node's plan changes (3 nodes)");
                }),
            new Row(
                "a variable change shows in the rendered file as a diff",
                Map.of("vars.yaml", VARS.replace("port: 8080", "port: 9090")),
                r -> {
                  assertThat(r.diff().exitCode()).isEqualTo(1);
                  assertThat(r.text())
                      .contains("2 of 3 nodes change: web-1 web-2; unchanged: lb-1")
                      .contains("~ prod/web/config  file.managed")
                      .contains("-listen 8080", "+listen 9090", " workers 4");
                }),
            new Row(
                "a template change shows as a diff",
                Map.of("app.conf.hbs", TEMPLATE.replace("log info", "log debug")),
                r -> assertThat(r.text()).contains("-log info", "+log debug", " workers 4")),
            new Row(
                "a step added and a step removed",
                Map.of(
                    "web.yaml",
                    WEB.replace("name: migrate", "name: migrate-db")
                        .replace("{cmd: \"migrate", "{cmd: \"migrate")),
                r -> {
                  assertThat(r.text())
                      .contains("+ prod/web/migrate-db  cmd.run")
                      .contains("parameters.cmd: migrate --to 1")
                      .contains("- prod/web/migrate  cmd.run");
                  assertThat(r.diff().named(NodeDiff.State.CHANGED))
                      .containsExactly("web-1", "web-2");
                }),
            new Row(
                "a node that a label change brings in gets every step",
                Map.of("nodes.yaml", NODES.replace("{tier: lb}", "{tier: web}")),
                r -> {
                  assertThat(r.diff().changing()).containsExactly("lb-1");
                  assertThat(r.text())
                      .contains("1 of 3 nodes changes: lb-1; unchanged: web-1 web-2")
                      .contains("+ prod/web/config  file.managed")
                      .contains("parameters.path: /etc/app.conf");
                }),
            new Row(
                "a sensitive value that changes is redacted",
                Map.of("vars.yaml", VARS.replace("s3cret-one", "s3cret-two")),
                r -> {
                  assertThat(r.text())
                      .contains("~ prod/web/secret  file.managed")
                      .contains("parameters.content: changed (sensitive)")
                      .doesNotContain("s3cret");
                  assertThat(r.markdown()).doesNotContain("s3cret");
                  assertThat(r.json()).doesNotContain("s3cret");
                }),
            new Row(
                "nodes with identical changes are grouped, each step once",
                Map.of("vars.yaml", VARS.replace("version: 1", "version: 2")),
                r -> {
                  assertThat(r.diff().groups())
                      .extracting(RevisionDiff.Group::nodes)
                      .containsExactly(List.of("web-1", "web-2"), List.of("lb-1"));
                  assertThat(r.text())
                      .contains("web-1 web-2 (2 nodes): 1 step change")
                      .containsOnlyOnce("prod/web/migrate");
                }),
            new Row(
                "a cmd.run whose command changed runs again",
                Map.of("vars.yaml", VARS.replace("version: 1", "version: 2")),
                r -> {
                  assertThat(r.text())
                      .contains("~ prod/web/migrate  cmd.run  (runs again)")
                      .contains("parameters.cmd: migrate --to 1 → migrate --to 2");
                  assertThat(r.markdown()).contains("**runs again**");
                }),
            new Row(
                "an export stays a reference, never a value",
                Map.of(
                    "web.yaml",
                    WEB.replace("content: \"{{vars.secret}}\", sensitive: true", "content: x")
                        .replace("migrate --to {{vars.version}}", "echo {{export 'release'}}")),
                r ->
                    assertThat(r.text())
                        .contains("migrate --to 1 → echo (export release)")
                        .doesNotContain("@@eden")),
            new Row(
                "a HEAD that does not validate exits 2 with every located error",
                Map.of("web.yaml", WEB.replace("{{vars.version}}", "{{vars.missing}}")),
                r -> {
                  assertThat(r.diff().exitCode()).isEqualTo(2);
                  assertThat(r.text()).containsPattern("web.yaml:\\d+:\\d+: .*vars.missing");
                  assertThat(Summary.status(r.diff())).contains("web.yaml:");
                }),
            new Row(
                "a node object removed no longer has a plan",
                Map.of("nodes.yaml", NODES.substring(0, NODES.indexOf("---"))),
                r -> {
                  assertThat(r.diff().named(NodeDiff.State.REMOVED))
                      .containsExactly("lb-1", "web-2");
                  assertThat(r.text()).contains("lb-1 web-2 (2 nodes): no longer has a plan");
                }))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void comparesEveryNodesPlan(Row row) {
    Map<String, String> head = new HashMap<>(BASE);
    head.putAll(row.head());
    RevisionDiff diff =
        new FleetDiff(new Compiler())
            .compare(
                new FleetDiff.Side("base", tree(BASE)),
                new FleetDiff.Side("head", tree(head)),
                List.of());
    row.expect()
        .accept(
            new Result(
                diff,
                TextReport.render(diff),
                MarkdownReport.render(diff),
                JsonReport.render(diff)));
  }

  @org.junit.jupiter.api.Test
  void factsOfEachNodeReachItsPlanAndANodeThatNowFailsIsListed() {
    Map<String, String> head = new HashMap<>(BASE);
    head.put("app.conf.hbs", TEMPLATE + "ip {{facts.ipv4}}\n");
    Collection<NodeInput> nodes =
        List.of(
            new NodeInput("web-1", Map.of("tier", "web"), facts("ipv4", "10.0.0.1")),
            new NodeInput("web-2", Map.of("tier", "web"), Struct.getDefaultInstance()));
    RevisionDiff diff =
        new FleetDiff(new Compiler())
            .compare(
                new FleetDiff.Side("base", tree(BASE)),
                new FleetDiff.Side("head", tree(head)),
                nodes);
    assertThat(TextReport.render(diff))
        .contains("+ip 10.0.0.1")
        .contains("web-2: fails to compile");
    assertThat(diff.exitCode()).isEqualTo(2);
  }

  @org.junit.jupiter.api.Test
  void nodesWhoseFilesNameThemGroupByTheLinesThatChange() {
    Map<String, String> base = new HashMap<>(BASE);
    base.put("app.conf.hbs", "# on {{node.name}}\n" + TEMPLATE);
    Map<String, String> head = new HashMap<>(base);
    head.put("app.conf.hbs", "# on {{node.name}}\n" + TEMPLATE.replace("workers 4", "workers 8"));
    RevisionDiff diff =
        new FleetDiff(new Compiler())
            .compare(
                new FleetDiff.Side("base", tree(base)),
                new FleetDiff.Side("head", tree(head)),
                List.of());
    assertThat(diff.groups())
        .extracting(RevisionDiff.Group::nodes)
        .first()
        .isEqualTo(List.of("web-1", "web-2"));
    assertThat(TextReport.render(diff))
        .contains("web-1 web-2 (2 nodes): 1 step change (context lines as on web-1)")
        .contains(" # on web-1", "-workers 4", "+workers 8")
        .doesNotContain("# on web-2");
  }

  static Struct facts(String key, String value) {
    return Struct.newBuilder()
        .putFields(key, Value.newBuilder().setStringValue(value).build())
        .build();
  }

  static SourceTree tree(Map<String, String> files) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return SourceTree.ofFiles(bytes);
  }
}
