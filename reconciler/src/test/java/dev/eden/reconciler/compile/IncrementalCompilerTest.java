package dev.eden.reconciler.compile;

import static dev.eden.reconciler.compile.Fixture.targets;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.schema.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncrementalCompilerTest {

  private static List<NodeInput> nodes(int web, int db) {
    List<NodeInput> out = new ArrayList<>();
    for (int i = 0; i < web; i++) {
      out.add(
          new NodeInput(
              "web-" + i, Map.of("tier", "web", "rack", "r" + (i % 4)), ip("10.0.0." + i)));
    }
    for (int i = 0; i < db; i++) {
      out.add(NodeInput.of("db-" + i, Map.of("tier", "db")));
    }
    return out;
  }

  private static Struct ip(String ip) {
    return Struct.newBuilder()
        .putFields("ipv4", Value.newBuilder().setStringValue(ip).build())
        .build();
  }

  private List<Manifest> objects(int rack0Port, String dbCmd) {
    Fixture f = new Fixture("prod/app.yaml");
    Fixture g = new Fixture("prod/db.yaml");
    return List.of(
        f.variable("prod", "base", null, List.of(), List.of(), Map.of("port", 80)),
        f.variable("prod", "rack0", "rack=r0", List.of(), List.of(), Map.of("port", rack0Port)),
        f.taskBook(
            "prod",
            "web",
            targets(List.of(), List.of(), "tier=web"),
            null,
            List.of(f.step("listen", "cmd.run", Map.of("cmd", "listen {{vars.port}}")))),
        g.taskBook(
            "prod",
            "db",
            targets(List.of(), List.of(), "tier=db"),
            null,
            List.of(
                g.step(
                    "allow",
                    "cmd.run",
                    Map.of(
                        "cmd",
                        dbCmd + " {{#each (nodes \"tier=web\")}}{{facts.ipv4}} {{/each}}")))));
  }

  @Test
  void recompilesOnlyTheNodesAVariableChangeAffects() {
    IncrementalCompiler inc = new IncrementalCompiler(new Compiler());
    List<NodeInput> nodes = nodes(8, 2);
    IncrementalCompiler.Update first =
        inc.compile(Fixture.revision("a1", objects(81, "allow")), nodes);
    assertThat(first.recompiled()).hasSize(10);
    assertThat(first.result().ok()).isTrue();

    IncrementalCompiler.Update same =
        inc.compile(Fixture.revision("b2", objects(81, "allow")), nodes);
    assertThat(same.recompiled()).isEmpty();
    assertThat(same.changed()).isEmpty();
    assertThat(same.result().plans().get("web-1").getRevision()).isEqualTo("main@sha1:b2");

    IncrementalCompiler.Update rack =
        inc.compile(Fixture.revision("c3", objects(82, "allow")), nodes);
    assertThat(rack.recompiled()).containsExactly("web-0", "web-4");
    assertThat(rack.changed()).containsExactly("web-0", "web-4");
    assertThat(
            rack.result()
                .plans()
                .get("web-4")
                .getSteps(0)
                .getParameters()
                .getFieldsOrThrow("cmd")
                .getStringValue())
        .isEqualTo("listen 82");
    assertThat(rack.result().plans()).hasSize(10);
  }

  @Test
  void aNodesNewFactsRecompileItAndTheNodesThatListIt() {
    IncrementalCompiler inc = new IncrementalCompiler(new Compiler());
    List<NodeInput> nodes = nodes(3, 2);
    inc.compile(Fixture.revision("a1", objects(81, "allow")), nodes);

    IncrementalCompiler.Update u =
        inc.updateNode(new NodeInput("web-2", Map.of("tier", "web", "rack", "r2"), ip("10.9.9.9")));
    assertThat(u.recompiled()).containsExactly("db-0", "db-1", "web-2");
    assertThat(u.changed()).containsExactly("db-0", "db-1");
    assertThat(
            u.result()
                .plans()
                .get("db-0")
                .getSteps(0)
                .getParameters()
                .getFieldsOrThrow("cmd")
                .getStringValue())
        .isEqualTo("allow 10.0.0.0 10.0.0.1 10.9.9.9 ");
  }

  @Test
  void aChangeToAnotherTaskBookLeavesNodesAndHashesAlone() {
    IncrementalCompiler inc = new IncrementalCompiler(new Compiler());
    List<NodeInput> nodes = nodes(3, 1);
    IncrementalCompiler.Update a = inc.compile(Fixture.revision("a1", objects(81, "allow")), nodes);
    IncrementalCompiler.Update b =
        inc.compile(Fixture.revision("b2", objects(81, "permit")), nodes);
    assertThat(b.recompiled()).containsExactly("db-0");
    assertThat(b.result().plans().get("web-1").getHash())
        .isEqualTo(a.result().plans().get("web-1").getHash());
    // a full compile agrees with the incremental one
    CompileResult full =
        new Compiler().compile(Fixture.revision("b2", objects(81, "permit")), nodes);
    assertThat(full.plans()).isEqualTo(b.result().plans());
  }

  @Test
  void removedNodesLoseTheirPlans() {
    IncrementalCompiler inc = new IncrementalCompiler(new Compiler());
    inc.compile(Fixture.revision("a1", objects(81, "allow")), nodes(3, 1));
    IncrementalCompiler.Update u =
        inc.compile(Fixture.revision("a1", objects(81, "allow")), nodes(2, 1));
    assertThat(u.result().plans()).doesNotContainKey("web-2");
    assertThat(u.changed()).contains("web-2", "db-0");
    assertThat(u.recompiled()).containsExactly("db-0");
  }
}
