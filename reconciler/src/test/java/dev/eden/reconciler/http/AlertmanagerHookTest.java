package dev.eden.reconciler.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.Event;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.RegisterRequest;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.testkit.TextCompiler;
import dev.eden.testkit.GitRepoFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /hooks/alertmanager} on a real reconciler's HTTP port. */
class AlertmanagerHookTest {

  private static final String TOKEN = "alert-token-7";

  @TempDir Path tmp;
  private GitRepoFixture repo;
  private InProcessReconciler r;
  private final HttpClient http = HttpClient.newHttpClient();
  private String payload;

  @BeforeEach
  void start() throws IOException {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    repo.commit("first", Map.of("nodes/web-1.txt", "echo 1"));
    r = startReconciler(Optional.of(TOKEN));
    r.agent()
        .register(
            RegisterRequest.newBuilder().setNode(NodeInfo.newBuilder().setName("web-1")).build());
    try (InputStream in = getClass().getResourceAsStream("/alertmanager/webhook-v4.json")) {
      payload = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private InProcessReconciler startReconciler(Optional<String> token) {
    ReconcilerConfig config =
        ReconcilerConfig.of(
                repo.dir().toString(), "main", "", tmp.resolve("data-" + token.isPresent()))
            .withPoll(InProcessReconciler.NO_POLL)
            .withHttp(new InetSocketAddress("127.0.0.1", 0), token);
    InProcessReconciler started =
        InProcessReconciler.start(config, new TextCompiler(), Clock.systemUTC());
    started.awaitRevision();
    return started;
  }

  @AfterEach
  void stop() {
    r.close();
    repo.close();
  }

  private HttpResponse<String> post(InProcessReconciler to, String body, String... headers)
      throws IOException, InterruptedException {
    int port = to.reconciler().http().orElseThrow().address().getPort();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/alertmanager"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String body, String... headers)
      throws IOException, InterruptedException {
    return post(r, body, headers);
  }

  private List<Event> events() {
    return r.control().listEvents(ListEventsRequest.getDefaultInstance()).getEventsList();
  }

  private List<Event> hookEvents() {
    return events().stream()
        .filter(e -> List.of("Alert", "Webhook").contains(e.getObject().getKind()))
        .toList();
  }

  @Test
  void eachAlertBecomesAnEventWithItsLabelsAfterAWebhookReceived() throws Exception {
    HttpResponse<String> answer = post(payload, "Authorization", "Bearer " + TOKEN);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("2 alerts recorded\n");
    List<Event> stored = hookEvents();
    assertThat(stored)
        .extracting(e -> e.getReason() + " " + e.getType() + " " + e.getNode())
        .containsExactly(
            "WebhookReceived NORMAL ",
            "NodeFilesystemAlmostFull WARNING web-1",
            "NodeFilesystemAlmostFull NORMAL ");
    Event received = stored.get(0);
    assertThat(received.getObject().getName()).isEqualTo("alertmanager");
    assertThat(received.getMessage())
        .isEqualTo("alertmanager: 2 alerts (1 firing, 1 resolved) for receiver eden-runbooks");
    Event firing = stored.get(1);
    assertThat(firing.getObject().getKind()).isEqualTo("Alert");
    assertThat(firing.getObject().getName()).isEqualTo("NodeFilesystemAlmostFull");
    assertThat(firing.getLabelsMap())
        .containsEntry("status", "firing")
        .containsEntry("instance", "web-1:9100")
        .containsEntry("mountpoint", "/")
        .containsEntry("severity", "warning")
        .hasSize(9);
    assertThat(firing.getMessage())
        .isEqualTo(
            "Filesystem has less than 10% space left.\n"
                + "Filesystem on /dev/sda1 at web-1:9100 has only 8.5% available space left.");
    assertThat(stored.get(2).getLabelsMap())
        .containsEntry("status", "resolved")
        .containsEntry("instance", "db-9.example.com:9100");
  }

  @Test
  void aRepeatedNotificationFoldsIntoTheSameEvents() throws Exception {
    post(payload, "Authorization", "Bearer " + TOKEN);
    post(payload, "Authorization", "Bearer " + TOKEN);

    assertThat(hookEvents()).extracting(Event::getCount).containsExactly(2, 2, 2);
  }

  @Test
  void aGitHubSignatureOverTheRawBodyIsAccepted() throws Exception {
    HttpResponse<String> answer =
        post(payload, "X-Hub-Signature-256", "sha256=" + hmacHex(TOKEN, payload));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(hookEvents()).hasSize(3);
  }

  @Test
  void aBadOrMissingSignatureIsUnauthorisedAndCreatesNothing() throws Exception {
    int before = events().size();

    assertThat(
            post(payload, "X-Hub-Signature-256", "sha256=" + hmacHex("guess", payload))
                .statusCode())
        .isEqualTo(401);
    assertThat(
            post(payload, "X-Hub-Signature-256", "sha256=" + hmacHex(TOKEN, payload + " "))
                .statusCode())
        .isEqualTo(401);
    assertThat(post(payload, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(post(payload).statusCode()).isEqualTo(401);

    assertThat(events()).hasSize(before);
  }

  @Test
  void withoutAConfiguredTokenEveryRequestIsUnauthorised() throws Exception {
    try (InProcessReconciler open = startReconciler(Optional.empty())) {
      HttpResponse<String> answer = post(open, payload, "Authorization", "Bearer anything");

      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(answer.body()).contains("--webhook-token-file");
    }
  }

  @Test
  void aMalformedBodyIsABadRequestAndCreatesNothing() throws Exception {
    int before = events().size();

    HttpResponse<String> notJson = post("{\"alerts\": [", "Authorization", "Bearer " + TOKEN);
    HttpResponse<String> noAlerts =
        post("{\"version\": \"4\", \"status\": \"firing\"}", "Authorization", "Bearer " + TOKEN);

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).startsWith("body is not valid JSON: ");
    assertThat(noAlerts.statusCode()).isEqualTo(400);
    assertThat(noAlerts.body()).isEqualTo("alerts: missing\n");
    assertThat(events()).hasSize(before);
  }

  @Test
  void aSyntaxErrorNamesItsLineAndColumn() throws Exception {
    HttpResponse<String> answer =
        post(
            "{\n  \"alerts\": [\n    {\"status\": firing}\n  ]\n}",
            "Authorization",
            "Bearer " + TOKEN);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("line 3 column").contains("$.alerts[0].status");
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsSent() throws Exception {
    int before = events().size();
    int port = r.reconciler().http().orElseThrow().address().getPort();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /hooks/alertmanager HTTP/1.1\r\n"
                  + "Host: 127.0.0.1\r\n"
                  + "Authorization: Bearer "
                  + TOKEN
                  + "\r\n"
                  + "Content-Type: application/json\r\n"
                  + "Content-Length: "
                  + (2 << 20)
                  + "\r\n\r\n"
                  + "{\"alerts\": [")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String answer = new String(readResponse(socket.getInputStream()), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 400").contains("body larger than 1048576 bytes");
    }
    assertThat(events()).hasSize(before);
  }

  /** Reads until the end of the first response's body (it is short and has a Content-Length). */
  private static byte[] readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      assertThat(c).as("the response head").isNotNegative();
      head.append((char) c);
    }
    int length =
        head.toString()
            .lines()
            .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
            .map(l -> Integer.parseInt(l.substring(15).trim()))
            .findFirst()
            .orElseThrow();
    return (head + new String(in.readNBytes(length), StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theGitHookIsRecordedAsWebhookReceived() throws Exception {
    int port = r.reconciler().http().orElseThrow().address().getPort();
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/git"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(hookEvents())
        .extracting(e -> e.getReason() + " " + e.getObject().getName() + " " + e.getMessage())
        .containsExactly("WebhookReceived git git: fetch requested");
  }

  private static String hmacHex(String key, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
