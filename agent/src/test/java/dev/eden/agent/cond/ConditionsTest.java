package dev.eden.agent.cond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.proto.Condition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionsTest {

  private final List<Duration> pauses = new ArrayList<>();
  private final Conditions conditions = new Conditions(pauses::add);

  private static ConditionBindings bindings(Map<String, Object> facts) {
    return new ConditionBindings(
        "web-1",
        Map.of("role", "web", "zone", "a"),
        facts,
        Map.of("replicas", 3, "env", "prod"),
        Map.of("fetch", "v2"));
  }

  @Test
  void whenConditionWithRetryBecomesTrueOnTheThirdTry() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    Condition when =
        Condition.newBuilder()
            .setExpression("facts.ready == true")
            .setRetryIntervalMs(5_000)
            .setRetryLimit(5)
            .build();

    Conditions.Verdict verdict =
        conditions.awaitTrue(when, () -> bindings(Map.of("ready", tries.incrementAndGet() >= 3)));

    assertThat(verdict).isEqualTo(new Conditions.Verdict(true, 3));
    assertThat(pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  @Test
  void conditionStaysFalseWhenRetriesRunOut() throws Exception {
    Condition when =
        Condition.newBuilder()
            .setExpression("facts.ready")
            .setRetryIntervalMs(100)
            .setRetryLimit(2)
            .build();

    Conditions.Verdict verdict = conditions.awaitTrue(when, () -> bindings(Map.of("ready", false)));

    assertThat(verdict).isEqualTo(new Conditions.Verdict(false, 3));
    assertThat(pauses).hasSize(2);
  }

  @Test
  void emptyConditionIsTrueWithoutEvaluating() throws Exception {
    assertThat(
            conditions.awaitTrue(
                Condition.getDefaultInstance(),
                () -> {
                  throw new AssertionError("no bindings needed");
                }))
        .isEqualTo(new Conditions.Verdict(true, 0));
  }

  static Stream<Arguments> expressions() {
    return Stream.of(
        Arguments.of("node name", "node.name == 'web-1'", true),
        Arguments.of("node label", "node.labels.role == 'web'", true),
        Arguments.of("missing label", "'disk' in node.labels", false),
        Arguments.of("int var", "vars.replicas > 2", true),
        Arguments.of("string var", "vars.env != 'prod'", false),
        Arguments.of("output", "outputs['fetch'].startsWith('v')", true),
        Arguments.of("fact from struct", "facts.os.family == 'debian' && facts.cpus >= 2.0", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expressions")
  void conditionsSeeNodeFactsVarsAndOutputs(String name, String expression, boolean expected)
      throws Exception {
    Struct facts =
        Struct.newBuilder()
            .putFields(
                "os",
                Value.newBuilder()
                    .setStructValue(
                        Struct.newBuilder()
                            .putFields(
                                "family", Value.newBuilder().setStringValue("debian").build()))
                    .build())
            .putFields("cpus", Value.newBuilder().setNumberValue(4).build())
            .build();

    assertThat(conditions.compile(expression).test(bindings(ConditionBindings.of(facts))))
        .isEqualTo(expected);
  }

  @Test
  void compilesEachExpressionOnce() throws Exception {
    assertThat(conditions.compile("true")).isSameAs(conditions.compile("true"));
  }

  @Test
  void rejectsExpressionsThatDoNotCompileOrAreNotBoolean() {
    assertThatThrownBy(() -> conditions.compile("facts.ready =="))
        .isInstanceOf(ConditionException.class);
    assertThatThrownBy(() -> conditions.compile("'text'")).isInstanceOf(ConditionException.class);
    assertThatThrownBy(() -> conditions.compile("unknown_var == 1"))
        .isInstanceOf(ConditionException.class)
        .hasMessageContaining("unknown_var");
  }

  @Test
  void evaluationErrorsAreConditionExceptions() throws Exception {
    CompiledCondition missing = conditions.compile("facts.nothing == 1");
    assertThatThrownBy(() -> missing.test(bindings(Map.of())))
        .isInstanceOf(ConditionException.class);
    CompiledCondition notBoolean = conditions.compile("node.name");
    assertThatThrownBy(() -> notBoolean.test(bindings(Map.of())))
        .isInstanceOf(ConditionException.class)
        .hasMessageContaining("is not a boolean");
  }
}
