package dev.eden.reconciler.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading and checking an Alertmanager request, without a server. */
class AlertmanagerPayloadTest {

  static Stream<Arguments> badBodies() {
    return Stream.of(
        row("not JSON", "{\"alerts\": [", "body is not valid JSON: "),
        row("trailing garbage", "{\"alerts\": []} x", "body is not valid JSON: "),
        row("an array", "[]", "body: expected a JSON object"),
        row("no alerts", "{\"version\": \"4\", \"status\": \"firing\"}", "alerts: missing"),
        row("alerts not a list", "{\"alerts\": {}}", "alerts: expected an array"),
        row(
            "alert without labels",
            "{\"alerts\": [{\"status\": \"firing\"}]}",
            "alerts[0].labels: missing"),
        row(
            "alert without alertname",
            "{\"alerts\": [" + alert("A") + ", {\"status\": \"firing\", \"labels\": {}}]}",
            "alerts[1].labels.alertname: missing"),
        row(
            "label not a string",
            "{\"alerts\": [{\"status\": \"firing\", \"labels\": {\"alertname\": \"A\", \"n\": 1}}]}",
            "alerts[0].labels.n: expected a string"),
        row(
            "unknown status",
            "{\"alerts\": [{\"status\": \"pending\", \"labels\": {\"alertname\": \"A\"}}]}",
            "alerts[0].status: expected firing or resolved, got \"pending\""));
  }

  private static Arguments row(String name, String body, String reason) {
    return Arguments.of(Named.of(name, body), reason);
  }

  private static String alert(String name) {
    return "{\"status\": \"firing\", \"labels\": {\"alertname\": \"" + name + "\"}}";
  }

  @ParameterizedTest
  @MethodSource("badBodies")
  void aMalformedPayloadIsRefusedNamingTheField(String body, String reason) {
    assertThatThrownBy(() -> AlertmanagerPayload.parse(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BadRequest.class)
        .hasMessageStartingWith(reason);
  }

  @Test
  void aBodyWithoutContentLengthIsReadOnlyUpToTheLimit() {
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[100]);

    assertThatThrownBy(() -> RequestBody.read(null, in, 64))
        .isInstanceOf(BadRequest.class)
        .hasMessage("body larger than 64 bytes");
    assertThat(in.available()).as("bytes left unread").isEqualTo(100 - 65);
  }

  @Test
  void theNodeIsTheNodeLabelOrTheInstanceHostWhenRegistered() {
    AlertmanagerHook hook =
        new AlertmanagerHook(null, name -> List.of("web-1", "db-1", "10.0.0.5").contains(name));

    assertThat(hook.node(Map.of("node", "db-1", "instance", "web-1:9100"))).contains("db-1");
    assertThat(hook.node(Map.of("node", "gone", "instance", "web-1:9100"))).contains("web-1");
    assertThat(hook.node(Map.of("instance", "http://web-1.example.com:9100/metrics")))
        .contains("web-1");
    assertThat(hook.node(Map.of("instance", "10.0.0.5:9100"))).contains("10.0.0.5");
    assertThat(hook.node(Map.of("instance", "db-9.example.com:9100"))).isEmpty();
    assertThat(hook.node(Map.of())).isEmpty();
    assertThat(AlertmanagerHook.host("[fe80::1]:9100")).isEqualTo("fe80::1");
    assertThat(AlertmanagerHook.host("fe80::1")).isEqualTo("fe80::1");
  }
}
