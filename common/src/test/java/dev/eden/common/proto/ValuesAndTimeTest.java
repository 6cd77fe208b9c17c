package dev.eden.common.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesAndTimeTest {

  @Test
  void plainValuesBecomeProtobufValuesAsYamlHasThem() {
    Map<Object, Object> plain = new LinkedHashMap<>();
    plain.put("name", "web-1");
    plain.put("cores", 4);
    plain.put("up", true);
    plain.put("gone", null);
    plain.put("ipv4", List.of("10.0.0.1"));
    plain.put("os", Map.of("family", "debian"));
    plain.put("tags", Set.of("a"));
    plain.put(7, Instant.EPOCH);

    Struct s = Values.struct(plain);

    assertThat(s.getFieldsOrThrow("name").getStringValue()).isEqualTo("web-1");
    assertThat(s.getFieldsOrThrow("cores").getNumberValue()).isEqualTo(4.0);
    assertThat(s.getFieldsOrThrow("up").getBoolValue()).isTrue();
    assertThat(s.getFieldsOrThrow("gone").getKindCase()).isEqualTo(Value.KindCase.NULL_VALUE);
    assertThat(s.getFieldsOrThrow("ipv4").getListValue().getValues(0).getStringValue())
        .isEqualTo("10.0.0.1");
    assertThat(
            s.getFieldsOrThrow("os").getStructValue().getFieldsOrThrow("family").getStringValue())
        .isEqualTo("debian");
    assertThat(s.getFieldsOrThrow("tags").getListValue().getValuesCount()).isEqualTo(1);
    assertThat(s.getFieldsOrThrow("7").getStringValue()).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void timestampsKeepNanosAndMillisDropTheRest() {
    Instant t = Instant.parse("2026-11-25T12:00:00.123456789Z");
    Timestamp ts = ProtoTime.of(t);

    assertThat(ProtoTime.toInstant(ts)).isEqualTo(t);
    assertThat(ProtoTime.toMillis(ts)).isEqualTo(t.toEpochMilli());
    assertThat(ProtoTime.ofMillis(-1)).isEqualTo(ProtoTime.of(Instant.ofEpochMilli(-1)));
    assertThat(ProtoTime.ofMillis(-1).getNanos()).isEqualTo(999_000_000);
  }
}
