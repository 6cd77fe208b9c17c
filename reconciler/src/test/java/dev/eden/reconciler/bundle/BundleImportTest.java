package dev.eden.reconciler.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.eden.proto.BundleServiceGrpc;
import dev.eden.proto.GetPlanRequest;
import dev.eden.proto.ImportBundleRequest;
import dev.eden.proto.ImportBundleResponse;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.RevisionInfo;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.SiteOptions;
import dev.eden.reconciler.source.VerificationConfig;
import dev.eden.reconciler.testkit.CommitSigner;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.testkit.TextCompiler;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles made with {@link BundleFile#create} imported over gRPC by a hosted reconciler. */
class BundleImportTest {

  private static final Instant NOW = Instant.parse("2026-12-04T21:00:00Z");

  @TempDir Path tmp;

  private InProcessReconciler reconciler;
  private GitRepoFixture work;

  @BeforeEach
  void setUp() {
    work = GitRepoFixture.create(tmp.resolve("work"));
  }

  private void start(SiteOptions site) {
    ReconcilerConfig config =
        ReconcilerConfig.of("", "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL)
            .withSite(site.hosting(false, SiteOptions.DEFAULT_MAX_PUSH_SIZE));
    reconciler = InProcessReconciler.start(config, new TextCompiler(), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    work.close();
    if (reconciler != null) {
      reconciler.close();
    }
  }

  private BundleFile bundle(Optional<String> since) throws IOException {
    try (Repository repo =
        new FileRepositoryBuilder().setGitDir(work.dir().resolve(".git").toFile()).build()) {
      return BundleFile.create(repo, "main", since, NOW);
    }
  }

  private ImportBundleResponse importFile(byte[] file) {
    return BundleServiceGrpc.newBlockingStub(reconciler.channel())
        .importBundle(
            ImportBundleRequest.newBuilder()
                .setName("site.bundle")
                .setFile(ByteString.copyFrom(file))
                .build());
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

  private String agentCmd(String node) {
    reconciler
        .agent()
        .register(
            RegisterRequest.newBuilder().setNode(NodeInfo.newBuilder().setName(node)).build());
    return reconciler
        .agent()
        .getPlan(GetPlanRequest.newBuilder().setNode(node).build())
        .getPlan()
        .getSteps(0)
        .getParameters()
        .getFieldsOrThrow("cmd")
        .getStringValue();
  }

  @Test
  void createThenImportServesTheTipAndTheSameBundleTwiceChangesNothing() throws IOException {
    start(SiteOptions.defaults());
    String tip = work.commit("web", Map.of("nodes/web-1.txt", "echo one"));
    byte[] file = bundle(Optional.empty()).bytes();

    ImportBundleResponse first = importFile(file);
    ImportBundleResponse second = importFile(file);

    assertThat(first.getErrorsList()).isEmpty();
    assertThat(first.getChanged()).isTrue();
    assertThat(first.getTip()).isEqualTo(tip);
    assertThat(hostedHead()).isEqualTo(tip);
    assertThat(served()).isEqualTo(tip);
    assertThat(agentCmd("web-1")).isEqualTo("echo one");
    assertThat(second.getChanged()).isFalse();
    assertThat(second.getErrorsList()).isEmpty();
    assertThat(second.getSummary()).isEqualTo("already at " + tip);
    assertThat(served()).isEqualTo(tip);
  }

  @Test
  void aBundleNeedingCommitsTheSiteLacksIsRefusedNamingThemAndTheSinceAndAnOlderOneIsANoOp()
      throws IOException {
    start(SiteOptions.defaults());
    String a = work.commit("a", Map.of("nodes/web-1.txt", "echo a"));
    byte[] olderBundle = bundle(Optional.empty()).bytes();
    assertThat(importFile(olderBundle).getChanged()).isTrue();
    String b = work.commit("b", Map.of("nodes/web-1.txt", "echo b"));
    String c = work.commit("c", Map.of("nodes/web-1.txt", "echo c"));

    ImportBundleResponse refused = importFile(bundle(Optional.of(b)).bytes());
    ImportBundleResponse accepted = importFile(bundle(Optional.of(a)).bytes());

    assertThat(refused.getChanged()).isFalse();
    assertThat(String.join("\n", refused.getErrorsList()))
        .contains("needs commits this site does not have", "--since " + a, "missing " + b);
    ImportBundleResponse older = importFile(olderBundle);

    assertThat(accepted.getErrorsList()).isEmpty();
    assertThat(accepted.getTip()).isEqualTo(c);
    assertThat(older.getChanged()).isFalse();
    assertThat(older.getErrorsList()).isEmpty();
    assertThat(older.getSummary()).isEqualTo("already at " + c + ", which contains " + a);
    assertThat(hostedHead()).isEqualTo(c);
    assertThat(served()).isEqualTo(c);
  }

  @Test
  void corruptedTruncatedOrWrongShaBundlesAreRefusedAndNothingMoves() throws IOException {
    start(SiteOptions.defaults());
    work.commit("web", Map.of("nodes/web-1.txt", "echo one"));
    BundleFile good = bundle(Optional.empty());
    byte[] file = good.bytes();
    byte[] flipped = file.clone();
    flipped[file.length / 2] ^= 0x5a;
    byte[] truncatedPack = Arrays.copyOf(good.gitBundle(), good.gitBundle().length - 30);
    Manifest m = good.manifest();
    Manifest overTruncated =
        new Manifest(m.ref(), m.tip(), BundleFile.sha256(truncatedPack), m.created());
    Manifest wrongSha = new Manifest(m.ref(), m.tip(), "00".repeat(32), m.created());

    ImportBundleResponse corrupted = importFile(flipped);
    ImportBundleResponse truncatedFile = importFile(Arrays.copyOf(file, file.length / 3));
    ImportBundleResponse truncatedBundle =
        importFile(
            new BundleFile(overTruncated, overTruncated.bytes(), Optional.empty(), truncatedPack)
                .bytes());
    ImportBundleResponse sha =
        importFile(
            new BundleFile(wrongSha, wrongSha.bytes(), Optional.empty(), good.gitBundle()).bytes());

    assertThat(corrupted.getErrorsList()).singleElement().asString().contains("site.bundle: ");
    assertThat(corrupted.getErrorsList().get(0)).containsAnyOf("corrupted", "SHA-256");
    assertThat(truncatedFile.getErrorsList().get(0)).contains("truncated");
    assertThat(truncatedBundle.getErrorsList().get(0))
        .contains("git.bundle is truncated or corrupted", "copy it again");
    assertThat(sha.getErrorsList().get(0))
        .contains("the manifest says " + "00".repeat(32), "corrupted");
    assertThat(hostedHead()).isEqualTo("none");
    assertThat(served()).isEqualTo("none");
  }

  @Test
  void anInvalidTipIsRefusedWithTheLocatedErrors() throws IOException {
    start(SiteOptions.defaults());
    String good = work.commit("web", Map.of("nodes/web-1.txt", "echo one"));
    importFile(bundle(Optional.empty()).bytes());
    work.commit("bad", Map.of("BAD", "unknown kind Foo"));

    ImportBundleResponse refused = importFile(bundle(Optional.of(good)).bytes());

    assertThat(refused.getChanged()).isFalse();
    assertThat(refused.getErrorsList()).contains("BAD:1:1: unknown kind Foo");
    assertThat(hostedHead()).isEqualTo(good);
    assertThat(served()).isEqualTo(good);
  }

  @Test
  void withVerificationOnlyAManifestSignedByAnAllowedSignerIsImported() throws IOException {
    CommitSigner.SshKey alice = CommitSigner.sshKey(tmp.resolve("keys"), "alice");
    CommitSigner.SshKey mallory = CommitSigner.sshKey(tmp.resolve("keys"), "mallory");
    Path signers =
        Files.writeString(tmp.resolve("allowed_signers"), alice.allowedSigner("alice@example.org"));
    start(
        SiteOptions.defaults()
            .withVerification(
                new VerificationConfig(
                    Optional.of(signers), Optional.empty(), VerificationConfig.Mode.ALL)));
    work.commit("web", Map.of("nodes/web-1.txt", "echo one"));
    String tip = CommitSigner.signHead(work.dir(), alice);
    BundleFile unsigned = bundle(Optional.empty());

    ImportBundleResponse noSignature = importFile(unsigned.bytes());
    ImportBundleResponse unknownKey =
        importFile(
            unsigned
                .withSignature(SshSignatures.sign(mallory.privateKey(), unsigned.manifestBytes()))
                .bytes());
    assertThat(hostedHead()).isEqualTo("none");
    ImportBundleResponse signed =
        importFile(
            unsigned
                .withSignature(SshSignatures.sign(alice.privateKey(), unsigned.manifestBytes()))
                .bytes());

    assertThat(noSignature.getErrorsList().get(0))
        .contains("the manifest is unsigned", "--sign-key");
    assertThat(unknownKey.getErrorsList().get(0))
        .contains("signed by a key that is not in " + signers);
    assertThat(signed.getErrorsList()).isEmpty();
    assertThat(signed.getChanged()).isTrue();
    assertThat(served()).isEqualTo(tip);
  }

  @Test
  void aReconcilerThatFetchesFromARepoRefusesBundlesSayingWhy() throws IOException {
    work.commit("web", Map.of("nodes/web-1.txt", "echo one"));
    ReconcilerConfig config =
        ReconcilerConfig.of(work.dir().toString(), "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL);
    reconciler = InProcessReconciler.start(config, new TextCompiler(), Clock.systemUTC());
    byte[] file = bundle(Optional.empty()).bytes();

    assertThatThrownBy(() -> importFile(file))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("FAILED_PRECONDITION")
        .hasMessageContaining("eden reconciler --hosted");
  }

  @Test
  void theDropFolderMovesImportedBundlesToDoneAndRefusedOnesToFailedWithALog() throws IOException {
    Path drop = Files.createDirectories(tmp.resolve("drop"));
    String tip = work.commit("web", Map.of("nodes/web-1.txt", "echo one"));
    byte[] good = bundle(Optional.empty()).bytes();
    Files.write(drop.resolve("a-good.bundle"), good);
    Files.write(drop.resolve("b-truncated.bundle"), Arrays.copyOf(good, good.length / 3));
    Files.writeString(drop.resolve("notes.txt"), "not a bundle");

    start(SiteOptions.defaults().hosting(false, 1 << 20).withBundleDir(drop));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Files.exists(drop.resolve("done/a-good.bundle.log"))
                    && Files.exists(drop.resolve("failed/b-truncated.bundle.log")));
    assertThat(Files.readString(drop.resolve("done/a-good.bundle.log")))
        .contains("imported " + tip);
    assertThat(Files.readString(drop.resolve("failed/b-truncated.bundle.log")))
        .contains("refused: the served revision is unchanged", "b-truncated.bundle: truncated");
    assertThat(drop.resolve("done/a-good.bundle")).exists();
    assertThat(drop.resolve("failed/b-truncated.bundle")).exists();
    assertThat(drop.resolve("a-good.bundle")).doesNotExist();
    assertThat(drop.resolve("notes.txt")).exists();
    assertThat(served()).isEqualTo(tip);
  }

  @Test
  void theDropFolderLogsAnAlreadyImportedBundleAsDone() throws IOException {
    Path drop = Files.createDirectories(tmp.resolve("drop"));
    work.commit("web", Map.of("nodes/web-1.txt", "echo one"));
    byte[] good = bundle(Optional.empty()).bytes();
    start(SiteOptions.defaults());
    String tip = importFile(good).getTip();
    BundleDropFolder folder =
        new BundleDropFolder(
            drop,
            reconciler.reconciler().bundles().orElseThrow(),
            Clock.fixed(NOW, ZoneOffset.UTC));
    Files.write(drop.resolve("again.bundle"), good);

    assertThat(folder.scan()).isEqualTo(1);
    assertThat(Files.readString(drop.resolve("done/again.bundle.log")))
        .isEqualTo(NOW + " already at " + tip + "\n");
    assertThat(folder.scan()).isZero();
  }
}
