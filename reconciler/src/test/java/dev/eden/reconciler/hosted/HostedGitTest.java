package dev.eden.reconciler.hosted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.Event;
import dev.eden.proto.GetPlanRequest;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.RevisionInfo;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.SiteOptions;
import dev.eden.reconciler.source.VerificationConfig;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.testkit.CommitSigner;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.testkit.TextCompiler;
import dev.eden.reconciler.trust.GitTokens;
import dev.eden.reconciler.trust.TrustDb;
import dev.eden.testkit.GitRepoFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stock {@code git} client pushing to and cloning from a hosted reconciler over HTTP. */
class HostedGitTest {

  @TempDir Path tmp;

  private TrustDb trustDb;
  private GitTokens tokens;
  private String pushToken;
  private InProcessReconciler reconciler;
  private GitRepoFixture work;

  /** What one git command printed and how it ended. */
  private record Run(int exit, String output) {}

  @BeforeEach
  void startHostedReconciler() {
    trustDb = TrustDb.open("jdbc:sqlite:" + tmp.resolve("trust.db"));
    tokens = new GitTokens(trustDb, Clock.systemUTC());
    pushToken = tokens.create(GitAccess.PUSH, Duration.ofDays(30)).secret();
    start(SiteOptions.defaults().hosting(false, SiteOptions.DEFAULT_MAX_PUSH_SIZE));
    work = GitRepoFixture.create(tmp.resolve("work"));
  }

  private void start(SiteOptions site) {
    ReconcilerConfig config =
        ReconcilerConfig.of("", "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL)
            .withHttp(new InetSocketAddress("127.0.0.1", 0), Optional.empty())
            .withSite(site);
    reconciler = InProcessReconciler.start(config, new TextCompiler(), Clock.systemUTC());
    reconciler.reconciler().acceptGitCredentials(tokens);
  }

  @AfterEach
  void stop() {
    work.close();
    reconciler.close();
    trustDb.close();
  }

  private String url(String password) {
    int port = reconciler.reconciler().http().orElseThrow().address().getPort();
    return "http://eden:" + password + "@127.0.0.1:" + port + "/git";
  }

  private Run git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "credential.helper="));
    command.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      pb.redirectErrorStream(true);
      pb.environment().put("GIT_TERMINAL_PROMPT", "0");
      pb.environment().remove("GIT_ASKPASS");
      pb.environment().remove("SSH_ASKPASS");
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("git " + String.join(" ", args) + " did not finish: " + output);
      }
      return new Run(p.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private Run push(String password, String... extra) {
    List<String> args = new ArrayList<>(List.of("push"));
    args.addAll(List.of(extra));
    args.addAll(List.of(url(password), "main"));
    return git(work.dir(), args.toArray(String[]::new));
  }

  private String hostedHead() throws IOException {
    try (Repository hosted =
        new FileRepositoryBuilder().setGitDir(tmp.resolve("data/git").toFile()).build()) {
      ObjectId id = hosted.resolve("refs/heads/main");
      return id == null ? "none" : id.name();
    }
  }

  private String served() {
    return reconciler
        .reconciler()
        .store()
        .currentRevision()
        .map(RevisionInfo::getCommit)
        .orElse("none");
  }

  private NodePlan agentPlan(String node) {
    reconciler
        .agent()
        .register(
            RegisterRequest.newBuilder().setNode(NodeInfo.newBuilder().setName(node)).build());
    return reconciler.agent().getPlan(GetPlanRequest.newBuilder().setNode(node).build()).getPlan();
  }

  private static String cmd(NodePlan plan) {
    return plan.getSteps(0).getParameters().getFieldsOrThrow("cmd").getStringValue();
  }

  @Test
  void acceptedPushRollsOutToTheAgentBeforeThePushReturns() throws IOException {
    String good = work.commit("web", Map.of("nodes/web-1.txt", "echo one"));

    Run run = push(pushToken);

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("remote: eden: " + good.substring(0, 12) + " is valid");
    assertThat(hostedHead()).isEqualTo(good);
    assertThat(served()).isEqualTo(good);
    NodePlan plan = agentPlan("web-1");
    assertThat(plan.getRevision()).isEqualTo("main@sha1:" + good);
    assertThat(cmd(plan)).isEqualTo("echo one");
  }

  @Test
  void invalidPushIsRefusedWithTheLocatedErrorsAndTheRefStays() throws IOException {
    String good = work.commit("web", Map.of("nodes/web-1.txt", "echo one"));
    assertThat(push(pushToken).exit()).isZero();
    work.commit("bad", Map.of("nodes/web-1.txt", "echo two", "BAD", "unknown kind Foo"));

    Run run = push(pushToken);

    assertThat(run.exit()).isNotZero();
    assertThat(run.output())
        .contains("remote: BAD:1:1: unknown kind Foo")
        .contains("[remote rejected] main -> main (eden: 1 error(s)");
    assertThat(hostedHead()).isEqualTo(good);
    assertThat(served()).isEqualTo(good);
    assertThat(cmd(agentPlan("web-1"))).isEqualTo("echo one");
    assertThat(
            reconciler.reconciler().store().listEvents(EventQuery.after(0)).stream()
                .filter(e -> e.getReason().equals("ValidationFailed"))
                .map(Event::getMessage))
        .anySatisfy(m -> assertThat(m).contains("refused", "BAD:1:1: unknown kind Foo"));
  }

  @Test
  void nonFastForwardPushIsRefused() throws IOException {
    String first = work.commit("first", Map.of("nodes/web-1.txt", "echo one"));
    String second = work.commit("second", Map.of("nodes/web-1.txt", "echo two"));
    assertThat(push(pushToken).exit()).isZero();
    work.resetHard(first);
    work.commit("rewritten", Map.of("nodes/web-1.txt", "echo three"));

    Run run = push(pushToken, "--force");

    assertThat(run.exit()).isNotZero();
    assertThat(run.output()).contains("non-fast-forward push refused", "--allow-force-push");
    assertThat(hostedHead()).isEqualTo(second);
    assertThat(served()).isEqualTo(second);
  }

  @Test
  void wrongOrMissingCredentialsGet401AndNothingIsWritten() throws Exception {
    work.commit("web", Map.of("nodes/web-1.txt", "echo one"));

    Run run = push("not-a-token");

    assertThat(run.exit()).isNotZero();
    assertThat(run.output()).contains("Authentication failed");
    assertThat(hostedHead()).isEqualTo("none");
    assertThat(served()).isEqualTo("none");
    int port = reconciler.reconciler().http().orElseThrow().address().getPort();
    HttpResponse<String> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + port + "/git/info/refs?service=git-upload-pack"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"eden\"");
  }

  @Test
  void pushOverTheSizeLimitIsRefusedAndTheRefStays() throws IOException {
    reconciler.close();
    start(SiteOptions.defaults().hosting(false, 4096));
    byte[] noise = new byte[256 * 1024];
    new java.util.Random(7).nextBytes(noise);
    work.commit(
        "big",
        Map.of(
            "nodes/web-1.txt", "echo one", "blob.txt", java.util.HexFormat.of().formatHex(noise)));

    Run run = push(pushToken);

    assertThat(run.exit()).isNotZero();
    assertThat(run.output()).containsAnyOf("413", "exceeds the limit");
    assertThat(hostedHead()).isEqualTo("none");
    assertThat(served()).isEqualTo("none");
  }

  @Test
  void unsignedPushIsRefusedWhenCommitsMustBeSigned() throws IOException {
    CommitSigner.SshKey alice = CommitSigner.sshKey(tmp.resolve("keys"), "alice");
    Path signers =
        Files.writeString(tmp.resolve("allowed_signers"), alice.allowedSigner("alice@example.org"));
    reconciler.close();
    start(
        SiteOptions.defaults()
            .withVerification(
                new VerificationConfig(
                    Optional.of(signers), Optional.empty(), VerificationConfig.Mode.ALL))
            .hosting(false, SiteOptions.DEFAULT_MAX_PUSH_SIZE));
    String unsigned = work.commit("web", Map.of("nodes/web-1.txt", "echo one"));

    Run refused = push(pushToken);
    String signed = CommitSigner.signHead(work.dir(), alice);
    Run accepted = push(pushToken);

    assertThat(refused.exit()).isNotZero();
    assertThat(refused.output())
        .contains("remote: commit " + unsigned.substring(0, 12) + " \"web\": unsigned");
    assertThat(accepted.exit()).as(accepted.output()).isZero();
    assertThat(hostedHead()).isEqualTo(signed);
    RevisionInfo served = reconciler.reconciler().store().currentRevision().orElseThrow();
    assertThat(served.getCommit()).isEqualTo(signed);
    assertThat(served.getSigner()).isEqualTo("alice@example.org");
  }

  @Test
  void fetchTokenClonesButCannotPush() throws IOException {
    String good = work.commit("web", Map.of("nodes/web-1.txt", "echo one"));
    assertThat(push(pushToken).exit()).isZero();
    String fetchToken = tokens.create(GitAccess.FETCH, Duration.ofDays(1)).secret();

    Run clone = git(tmp, "clone", url(fetchToken), "copy");
    work.commit("more", Map.of("nodes/web-1.txt", "echo two"));
    Run refused = push(fetchToken);

    assertThat(clone.exit()).as(clone.output()).isZero();
    assertThat(git(tmp.resolve("copy"), "rev-parse", "HEAD").output().trim()).isEqualTo(good);
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.output()).contains("403");
    assertThat(hostedHead()).isEqualTo(good);
  }
}
