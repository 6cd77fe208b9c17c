package dev.eden.reconciler.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.proto.NodeInfo;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.ReportRunRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.testkit.TextCompiler;
import dev.eden.testkit.GitRepoFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpEndpointTest {

  private static final String TOKEN = "hook-token-42";

  @TempDir Path tmp;
  private GitRepoFixture repo;
  private InProcessReconciler r;
  private final HttpClient http = HttpClient.newHttpClient();
  private String base;

  @BeforeEach
  void start() {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    repo.commit("first", Map.of("nodes/a.txt", "echo 1"));
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.dir().toString(), "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL)
            .withHttp(new InetSocketAddress("127.0.0.1", 0), Optional.of(TOKEN));
    r = InProcessReconciler.start(config, new TextCompiler(), Clock.systemUTC());
    base = "http://127.0.0.1:" + r.reconciler().http().orElseThrow().address().getPort();
    r.awaitRevision();
  }

  @AfterEach
  void stop() {
    r.close();
    repo.close();
  }

  private HttpResponse<String> post(String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString("{\"ref\":\"refs/heads/main\"}"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void hookWithTheTokenFetchesNow() throws IOException, InterruptedException {
    String sha = repo.commit("second", Map.of("nodes/a.txt", "echo 2"));

    assertThat(post("/hooks/git", "Bearer " + TOKEN).statusCode()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                r.reconciler()
                    .plans()
                    .plan("a")
                    .orElseThrow()
                    .getRevision()
                    .equals("main@sha1:" + sha));
  }

  @Test
  void hookWithoutOrWithAWrongTokenIsUnauthorisedAndFetchesNothing()
      throws IOException, InterruptedException {
    repo.commit("second", Map.of("nodes/a.txt", "echo 2"));

    assertThat(post("/hooks/git", null).statusCode()).isEqualTo(401);
    assertThat(post("/hooks/git", "Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(post("/hooks/git", TOKEN).statusCode()).isEqualTo(401);

    assertThat(r.reconciler().store().listRevisions(10)).hasSize(1);
  }

  @Test
  void healthzAnswersOk() throws IOException, InterruptedException {
    HttpResponse<String> answer = get("/healthz");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("ok\n");
  }

  @Test
  void metricsAreInPrometheusTextFormat() throws IOException, InterruptedException {
    r.agent()
        .register(RegisterRequest.newBuilder().setNode(NodeInfo.newBuilder().setName("a")).build());
    r.agent()
        .reportRun(
            ReportRunRequest.newBuilder()
                .setReport(
                    RunReport.newBuilder()
                        .setRunId("r1")
                        .setNode("a")
                        .addSteps(StepResult.newBuilder().setStatus(StepResult.Status.CHANGED))
                        .addSteps(StepResult.newBuilder().setStatus(StepResult.Status.CHANGED)))
                .build());

    String text = get("/metrics").body();

    assertThat(text)
        .contains("# TYPE eden_revision_compile_duration_seconds histogram")
        .contains("eden_revision_compile_duration_seconds_count 1")
        .contains("eden_revision_compile_duration_seconds_bucket{le=\"+Inf\"} 1")
        .contains("eden_git_fetch_failures_total 0")
        .contains("eden_node_state{state=\"Reconciling\"} 1")
        .contains("eden_node_state{state=\"Ready\"} 0")
        .contains("eden_step_results_total{result=\"changed\"} 2");
  }

  @Test
  void bearerComparisonNeedsTheExactToken() {
    WebhookAuth auth = new WebhookAuth(TOKEN);
    assertThat(auth.bearer("Bearer " + TOKEN)).isTrue();
    assertThat(auth.bearer("Bearer " + TOKEN + "x")).isFalse();
    assertThat(auth.bearer("Basic " + TOKEN)).isFalse();
    assertThat(auth.bearer(null)).isFalse();
  }

  @Test
  void gitHubSignatureMadeWithTheTokenIsAccepted() throws IOException, InterruptedException {
    // HMAC-SHA256("hook-token-42", "{\"ref\":\"refs/heads/main\"}"), computed independently
    String body = "{\"ref\":\"refs/heads/main\"}";
    String good = "sha256=" + hmacHex(TOKEN, body);
    WebhookAuth auth = new WebhookAuth(TOKEN);
    assertThat(auth.signature(good, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(auth.signature(good, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isFalse();

    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/hooks/git"))
                .header("X-Hub-Signature-256", good)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(202);
  }

  @Test
  void gitLabTokenAndGiteaSignatureAreAccepted() {
    WebhookAuth auth = new WebhookAuth(TOKEN);
    byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(auth.allows(new WebhookAuth.Headers(null, TOKEN, null, null), body)).isTrue();
    assertThat(auth.allows(new WebhookAuth.Headers(null, "nope", null, null), body)).isFalse();
    assertThat(auth.allows(new WebhookAuth.Headers(null, null, null, hmacHex(TOKEN, "{}")), body))
        .isTrue();
    assertThat(auth.allows(new WebhookAuth.Headers(null, null, null, hmacHex("x", "{}")), body))
        .isFalse();
    assertThat(auth.allows(new WebhookAuth.Headers(null, null, null, null), body)).isFalse();
  }

  private static String hmacHex(String key, String body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of()
          .formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
