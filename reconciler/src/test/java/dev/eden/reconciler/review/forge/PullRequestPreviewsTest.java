package dev.eden.reconciler.review.forge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.eden.testkit.Waits.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonParser;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.proto.NodeInfo;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.source.GitSource;
import dev.eden.reconciler.source.GitSourceConfig;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.store.SqliteStore;
import dev.eden.testkit.GitRepoFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Previews against each forge's API as WireMock plays it, from a real repository and store. */
class PullRequestPreviewsTest {

  static final String NODES =
      """
      apiVersion: v1alpha
      kind: Node
      metadata: {name: web-1}
      spec: {labels: {tier: web}}
      """;

  static final String WEB =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: web, namespace: prod}
      spec:
        targets: {selector: "tier=web"}
        steps:
          - name: motd
            action: file.managed
            parameters: {path: /etc/motd, content: "CONTENT"}
      """;

  @TempDir Path tmp;
  private final WireMockServer forge = new WireMockServer(options().dynamicPort());
  private GitRepoFixture repo;
  private SqliteStore store;
  private GitSource source;
  private EventLog events;
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private String base;

  @BeforeEach
  void start() {
    forge.start();
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    base = repo.commit("base", Map.of("nodes.yaml", NODES, "web.yaml", web("port 80")));
    store = SqliteStore.open(tmp.resolve("data"));
    events = new EventLog(store, Clock.systemUTC());
    source =
        GitSource.open(
            new GitSourceConfig(repo.dir().toString(), "main", "", tmp.resolve("clone"), ""));
    source.fetch();
    store.saveNode(node("web-1", "10.0.0.1"), Instant.now());
    store.saveNode(node("web-2", "10.0.0.2"), Instant.now());
  }

  @AfterEach
  void stop() {
    forge.stop();
    source.close();
    store.close();
    repo.close();
  }

  static String web(String content) {
    return WEB.replace("CONTENT", content.replace("\n", "\\n"));
  }

  static NodeInfo node(String name, String ip) {
    return NodeInfo.newBuilder()
        .setName(name)
        .putLabels("tier", "web")
        .setFacts(
            Struct.newBuilder().putFields("ipv4", Value.newBuilder().setStringValue(ip).build()))
        .build();
  }

  /** Commits {@code files} as the head of pull request 5 (main does not move). */
  private String pushPullRequest(ForgeKind kind, Map<String, String> files) throws IOException {
    String head = repo.commit("change", files);
    repo.resetHard(base);
    try (Git git = Git.open(repo.dir().toFile())) {
      RefUpdate u = git.getRepository().updateRef(kind.headRef(5));
      u.setNewObjectId(ObjectId.fromString(head));
      u.forceUpdate();
    }
    return head;
  }

  private PullRequestPreviews previews(ForgeKind kind, String token) {
    ForgeConfig config =
        new ForgeConfig(
            kind,
            URI.create(forge.baseUrl() + Paths.prefix(kind)),
            "acme/fleet",
            token.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(token),
            token.isEmpty() ? "no --forge-token-file" : "",
            new ForgeConfig.Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
    return PullRequestPreviews.start(
        config, source, store, events, HttpClient.newHttpClient(), pauses::add);
  }

  private void stubForge(ForgeKind kind) {
    forge.stubFor(post(urlPathEqualTo(Paths.status(kind, ""))).willReturn(okJson("{}")));
    forge.stubFor(
        post(anyUrl())
            .atPriority(10)
            .willReturn(aResponse().withStatus(201).withBody("{\"id\": 42}")));
    forge.stubFor(get(urlPathEqualTo(Paths.comments(kind))).willReturn(okJson("[]")));
    forge.stubFor(
        request(Paths.editMethod(kind), urlPathEqualTo(Paths.comment(kind, 42)))
            .willReturn(okJson("{\"id\": 42}")));
  }

  private List<String> states(ForgeKind kind, String sha) {
    return forge.findAll(postRequestedFor(urlPathEqualTo(Paths.status(kind, sha)))).stream()
        .map(r -> JsonParser.parseString(r.getBodyAsString()).getAsJsonObject())
        .map(o -> o.get("state").getAsString() + ": " + o.get("description").getAsString())
        .toList();
  }

  private List<Event> previewEvents() {
    return events.list(new EventQuery("", "", "", 0, 100)).stream()
        .filter(e -> e.getObject().getKind().equals(EventKinds.PULL_REQUEST))
        .toList();
  }

  @ParameterizedTest
  @EnumSource(ForgeKind.class)
  void setsPendingThenSuccessAndEditsItsOneCommentOnTheNextPush(ForgeKind kind) throws Exception {
    stubForge(kind);
    String first = pushPullRequest(kind, Map.of("web.yaml", web("ip {{facts.ipv4}}")));
    try (PullRequestPreviews previews = previews(kind, "s3cret-token")) {
      assertThat(previews.accept(Payloads.of(kind, first, "opened")))
          .isEqualTo("preview of #5 at " + first.substring(0, 7) + " scheduled");
      await().atMost(Duration.ofSeconds(30)).until(() -> states(kind, first).size() == 2);
      assertThat(states(kind, first))
          .containsExactly(
              "pending: compiling every node's plan", "success: 2 nodes change, 0 unchanged");
      LoggedRequest added =
          forge.findAll(postRequestedFor(urlPathEqualTo(Paths.comments(kind)))).get(0);
      String body =
          JsonParser.parseString(added.getBodyAsString())
              .getAsJsonObject()
              .get("body")
              .getAsString();
      assertThat(body)
          .startsWith("<!-- eden:plan -->")
          .contains("2 of 2 nodes change: web-1 web-2")
          .contains("port 80 → ip 10.0.0.1", "port 80 → ip 10.0.0.2");
      assertThat(added.getHeader(Paths.authHeader(kind))).endsWith("s3cret-token");

      String second = pushPullRequest(kind, Map.of("web.yaml", web("ip {{facts.ipv4}} again")));
      previews.accept(
          Payloads.of(kind, second, kind == ForgeKind.GITLAB ? "update" : "synchronize"));
      await().atMost(Duration.ofSeconds(30)).until(() -> states(kind, second).size() == 2);
      List<LoggedRequest> edits =
          forge.findAll(
              new RequestPatternBuilder(
                  RequestMethod.fromString(Paths.editMethod(kind)),
                  urlPathEqualTo(Paths.comment(kind, 42))));
      assertThat(edits).hasSize(1);
      assertThat(edits.get(0).getBodyAsString()).contains("again");
      assertThat(forge.findAll(postRequestedFor(urlPathEqualTo(Paths.comments(kind))))).hasSize(1);
      assertThat(previewEvents())
          .extracting(Event::getReason)
          .containsOnly(Reason.PULL_REQUEST_PLANNED.text())
          .hasSize(2);
      assertThat(previews.counts().planned()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(ForgeKind.class)
  void aFailingHeadGetsAFailureStatusWithTheLocation(ForgeKind kind) throws Exception {
    stubForge(kind);
    String head = pushPullRequest(kind, Map.of("web.yaml", web("{{vars.nope}}")));
    try (PullRequestPreviews previews = previews(kind, "t")) {
      previews.accept(Payloads.of(kind, head, kind == ForgeKind.GITLAB ? "open" : "opened"));
      await().atMost(Duration.ofSeconds(30)).until(() -> states(kind, head).size() == 2);
      assertThat(states(kind, head).get(1))
          .startsWith(Paths.failure(kind) + ": web.yaml:9:")
          .contains("unknown variable 'vars.nope'")
          .contains("(and 1 more)");
      await().atMost(PATIENCE).until(() -> !previewEvents().isEmpty());
      assertThat(previewEvents().get(0).getReason())
          .isEqualTo(Reason.PULL_REQUEST_PLAN_FAILED.text());
    }
  }

  @ParameterizedTest
  @EnumSource(ForgeKind.class)
  void aTooLargeCommentKeepsTheSummaryAndCutsTheDiffs(ForgeKind kind) throws Exception {
    stubForge(kind);
    String filler = "x".repeat(400);
    String before = lines("old " + filler);
    String after = lines("new " + filler);
    repo.commit("big", Map.of("web.yaml", web(before)));
    base = repo.commit("big base", Map.of());
    source.fetch();
    String head = pushPullRequest(kind, Map.of("web.yaml", web(after)));
    try (PullRequestPreviews previews = previews(kind, "t")) {
      previews.accept(Payloads.of(kind, head, Payloads.open(kind)));
      await().atMost(Duration.ofSeconds(30)).until(() -> states(kind, head).size() == 2);
      String body =
          JsonParser.parseString(
                  forge
                      .findAll(postRequestedFor(urlPathEqualTo(Paths.comments(kind))))
                      .get(0)
                      .getBodyAsString())
              .getAsJsonObject()
              .get("body")
              .getAsString();
      assertThat(body.length()).isLessThanOrEqualTo(60_000);
      assertThat(body)
          .contains("2 of 2 nodes change: web-1 web-2")
          .contains("#### web-1: 1 step change", "#### web-2: 1 step change")
          .contains("The diffs are not shown")
          .doesNotContain(filler);
    }
  }

  /** 150 lines, each naming the node, so that every node's diff is its own. */
  static String lines(String text) {
    return IntStream.range(0, 150)
        .mapToObj(i -> i + " {{node.name}} " + text)
        .collect(Collectors.joining("\n"));
  }

  @ParameterizedTest
  @EnumSource(ForgeKind.class)
  void retriesForgeErrorsWithBackoff(ForgeKind kind) throws Exception {
    stubForge(kind);
    String head = pushPullRequest(kind, Map.of("web.yaml", web("changed")));
    forge.stubFor(
        post(urlPathEqualTo(Paths.status(kind, head)))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(502))
            .willSetStateTo("once"));
    forge.stubFor(
        post(urlPathEqualTo(Paths.status(kind, head)))
            .inScenario("flaky")
            .whenScenarioStateIs("once")
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    forge.stubFor(
        post(urlPathEqualTo(Paths.status(kind, head)))
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(okJson("{}")));
    try (PullRequestPreviews previews = previews(kind, "t")) {
      previews.accept(Payloads.of(kind, head, Payloads.open(kind)));
      await().atMost(Duration.ofSeconds(30)).until(() -> !previewEvents().isEmpty());
      assertThat(states(kind, head)).hasSize(4); // pending ×3 (two refused), then success
      assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
      assertThat(previewEvents().get(0).getReason()).isEqualTo(Reason.PULL_REQUEST_PLANNED.text());
      assertThat(previews.counts().forgeFailures()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(ForgeKind.class)
  void aRefusedTokenIsNotRetriedAndTheFailureIsAnEvent(ForgeKind kind) throws Exception {
    forge.stubFor(
        post(anyUrl()).willReturn(aResponse().withStatus(401).withBody("Bad credentials")));
    String head = pushPullRequest(kind, Map.of("web.yaml", web("changed")));
    try (PullRequestPreviews previews = previews(kind, "wrong")) {
      previews.accept(Payloads.of(kind, head, Payloads.open(kind)));
      await().atMost(Duration.ofSeconds(30)).until(() -> !previewEvents().isEmpty());
      assertThat(previewEvents().get(0).getMessage())
          .contains("the forge refused the preview", "401", "Bad credentials")
          .doesNotContain("wrong");
      assertThat(forge.getAllServeEvents()).hasSize(1);
      assertThat(pauses).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(ForgeKind.class)
  void withoutATokenPreviewsFailAsEventsAndTheForgeIsNotCalled(ForgeKind kind) throws Exception {
    String head = pushPullRequest(kind, Map.of("web.yaml", web("changed")));
    try (PullRequestPreviews previews = previews(kind, "")) {
      previews.accept(Payloads.of(kind, head, Payloads.open(kind)));
      await().atMost(Duration.ofSeconds(30)).until(() -> !previewEvents().isEmpty());
      assertThat(previewEvents().get(0).getMessage())
          .contains("no forge token: no --forge-token-file");
      assertThat(forge.getAllServeEvents()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(ForgeKind.class)
  void aHeadThatCannotBeFetchedGetsAFailureStatus(ForgeKind kind) throws Exception {
    stubForge(kind);
    String missing = "0123456789abcdef0123456789abcdef01234567";
    try (PullRequestPreviews previews = previews(kind, "t")) {
      previews.accept(Payloads.of(kind, missing, Payloads.open(kind)));
      await().atMost(Duration.ofSeconds(30)).until(() -> states(kind, missing).size() == 2);
      assertThat(states(kind, missing).get(1))
          .startsWith(Paths.failure(kind) + ": head 0123456 could not be fetched");
    }
  }

  @ParameterizedTest
  @EnumSource(ForgeKind.class)
  void refusesPayloadsForAnotherRepositoryOrMalformed(ForgeKind kind)
      throws PullRequestPayload.Malformed {
    try (PullRequestPreviews previews = previews(kind, "t")) {
      byte[] other =
          new String(Payloads.of(kind, "a".repeat(40), Payloads.open(kind)))
              .replace("acme/fleet", "evil/fleet")
              .getBytes();
      assertThatThrownBy(() -> previews.accept(other))
          .isInstanceOf(PullRequestPayload.Malformed.class)
          .hasMessageContaining("is for repository evil/fleet, not acme/fleet");
      assertThatThrownBy(() -> previews.accept("{\"action\":".getBytes()))
          .isInstanceOf(PullRequestPayload.Malformed.class)
          .hasMessageContaining("not JSON");
      assertThat(previews.accept(Payloads.of(kind, "a".repeat(40), "closed")))
          .startsWith("ignored");
      byte[] develop =
          new String(Payloads.of(kind, "a".repeat(40), Payloads.open(kind)))
              .replace("\"main\"", "\"develop\"")
              .getBytes();
      assertThat(previews.accept(develop)).isEqualTo("ignored: #5 targets develop, not main");
    }
    assertThat(forge.getAllServeEvents()).isEmpty();
  }
}
