package dev.eden.agent.coord;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.common.retry.Backoff;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DeferredValuesTest {

  private static Value text(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  @Test
  void replacesTokensInEveryNestedString() {
    Struct params =
        Struct.newBuilder()
            .putFields("cmd", text("join T1 --ca T2"))
            .putFields("n", Value.newBuilder().setNumberValue(3).build())
            .putFields(
                "env",
                Value.newBuilder()
                    .setStructValue(Struct.newBuilder().putFields("TOKEN", text("T1")))
                    .build())
            .putFields(
                "args",
                Value.newBuilder()
                    .setListValue(ListValue.newBuilder().addValues(text("T2")))
                    .build())
            .build();

    Struct out = new DeferredValues(Map.of("T1", "abc", "T2", "ca.pem")).applyTo(params);

    assertThat(out.getFieldsOrThrow("cmd").getStringValue()).isEqualTo("join abc --ca ca.pem");
    assertThat(out.getFieldsOrThrow("n").getNumberValue()).isEqualTo(3);
    assertThat(
            out.getFieldsOrThrow("env").getStructValue().getFieldsOrThrow("TOKEN").getStringValue())
        .isEqualTo("abc");
    assertThat(out.getFieldsOrThrow("args").getListValue().getValues(0).getStringValue())
        .isEqualTo("ca.pem");
    assertThat(new DeferredValues(Map.of("T1", "secret")).toString()).doesNotContain("secret");
  }

  @Test
  void backoffGrowsThenStaysUnderItsCap() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 10);
    RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
    for (int attempt = 0; attempt < 10; attempt++) {
      long bound = Math.min(2_000, 100L << attempt);
      assertThat(backoff.delay(attempt, random).toMillis()).isBetween(bound / 2, bound);
    }
  }
}
