package dev.eden.reconciler.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eden.reconciler.source.CommitVerifier.CommitCheck;
import dev.eden.reconciler.source.VerificationConfig.Mode;
import dev.eden.reconciler.testkit.CommitSigner;
import dev.eden.reconciler.testkit.CommitSigner.PgpKey;
import dev.eden.reconciler.testkit.CommitSigner.SshKey;
import dev.eden.testkit.GitRepoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitVerifierTest {

  @TempDir static Path keys;
  @TempDir Path tmp;

  private static SshKey alice;
  private static SshKey mallory;
  private static PgpKey carol;
  private static PgpKey dave;
  private static PgpKey expired;

  @BeforeAll
  static void makeKeys() {
    alice = CommitSigner.sshKey(keys, "alice");
    mallory = CommitSigner.sshKey(keys, "mallory");
    Instant now = Instant.now();
    carol = CommitSigner.pgpKey("Carol <carol@example.org>", now, Duration.ZERO);
    dave = CommitSigner.pgpKey("Dave <dave@example.org>", now, Duration.ZERO);
    expired =
        CommitSigner.pgpKey(
            "Old <old@example.org>", now.minus(Duration.ofDays(2)), Duration.ofDays(1));
  }

  private Path allowedSigners(String... lines) throws IOException {
    Path file = tmp.resolve("allowed_signers");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private Path gpgKeys(PgpKey... keys) throws IOException {
    Path file = tmp.resolve("keys.asc");
    StringBuilder text = new StringBuilder();
    for (PgpKey k : keys) {
      text.append(k.armoredPublic());
    }
    Files.writeString(file, text);
    return file;
  }

  private CommitVerifier ssh(Path signers, Mode mode) {
    return CommitVerifier.open(
        new VerificationConfig(Optional.of(signers), Optional.empty(), mode));
  }

  private CommitVerifier pgp(Path file) {
    return CommitVerifier.open(
        new VerificationConfig(Optional.empty(), Optional.of(file), Mode.ALL));
  }

  /** Fetches the fixture into a clone and checks {@code head} after {@code since}. */
  private List<CommitCheck> verify(
      CommitVerifier verifier, GitRepoFixture repo, Optional<String> since, String head)
      throws IOException {
    try (GitSource source =
        GitSource.open(
            new GitSourceConfig(repo.dir().toString(), "main", "", tmp.resolve("clone"), ""))) {
      assertThat(source.fetch()).isInstanceOf(FetchResult.Head.class);
      return verifier.verify(source, since, head);
    }
  }

  private SignatureCheck only(List<CommitCheck> checks) {
    assertThat(checks).hasSize(1);
    return checks.get(0).result();
  }

  @Test
  void sshSignatureOfAnAllowedSignerVerifiesWithItsPrincipal() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("first", Map.of("a.txt", "1"));
      String head = CommitSigner.signHead(repo.dir(), alice);
      CommitVerifier v = ssh(allowedSigners(alice.allowedSigner("alice@example.org")), Mode.ALL);

      SignatureCheck check = only(verify(v, repo, Optional.empty(), head));

      assertThat(check).isInstanceOf(SignatureCheck.Verified.class);
      assertThat(((SignatureCheck.Verified) check).signer()).isEqualTo("alice@example.org");
      assertThat(((SignatureCheck.Verified) check).key()).startsWith("SHA256:");
    }
  }

  @Test
  void commitWithoutSignatureIsUnsigned() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      String head = repo.commit("first", Map.of("a.txt", "1"));
      CommitVerifier v = ssh(allowedSigners(alice.allowedSigner("alice@example.org")), Mode.ALL);

      List<CommitCheck> checks = verify(v, repo, Optional.empty(), head);

      assertThat(only(checks)).isEqualTo(new SignatureCheck.Unsigned());
      assertThat(checks.get(0).describe())
          .isEqualTo(head.substring(0, 12) + " \"first\": unsigned");
    }
  }

  @Test
  void sshKeyMissingFromAllowedSignersIsUnknown() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("first", Map.of("a.txt", "1"));
      String head = CommitSigner.signHead(repo.dir(), mallory);
      CommitVerifier v = ssh(allowedSigners(alice.allowedSigner("alice@example.org")), Mode.ALL);

      assertThat(only(verify(v, repo, Optional.empty(), head)))
          .isInstanceOf(SignatureCheck.UnknownKey.class);
    }
  }

  @Test
  void signatureCopiedOntoAnotherCommitIsBad() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("first", Map.of("a.txt", "1"));
      CommitSigner.signHead(repo.dir(), alice);
      String tampered = CommitSigner.tamperHead(repo.dir(), "something else\n");
      CommitVerifier v = ssh(allowedSigners(alice.allowedSigner("alice@example.org")), Mode.ALL);

      assertThat(only(verify(v, repo, Optional.empty(), tampered)))
          .isInstanceOf(SignatureCheck.BadSignature.class);
    }
  }

  @Test
  void allowedSignerPastItsValidBeforeIsExpired() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("first", Map.of("a.txt", "1"));
      String head = CommitSigner.signHead(repo.dir(), alice);
      CommitVerifier v =
          ssh(
              allowedSigners("alice@example.org valid-before=\"20200101\" " + alice.publicKey()),
              Mode.ALL);

      assertThat(only(verify(v, repo, Optional.empty(), head)))
          .isInstanceOf(SignatureCheck.ExpiredKey.class);
    }
  }

  @Test
  void openPgpSignaturesVerifyAgainstTheKeyFile() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("first", Map.of("a.txt", "1"));
      String head = CommitSigner.signHead(repo.dir(), carol);
      CommitVerifier v = pgp(gpgKeys(carol, expired));

      SignatureCheck check = only(verify(v, repo, Optional.empty(), head));

      assertThat(check).isInstanceOf(SignatureCheck.Verified.class);
      assertThat(((SignatureCheck.Verified) check).signer()).isEqualTo("Carol <carol@example.org>");
      String other = CommitSigner.signHead(repo.dir(), dave);
      assertThat(only(verify(v, repo, Optional.empty(), other)))
          .isInstanceOf(SignatureCheck.UnknownKey.class);
      String old = CommitSigner.signHead(repo.dir(), expired);
      assertThat(only(verify(v, repo, Optional.empty(), old)))
          .isInstanceOf(SignatureCheck.ExpiredKey.class);
      CommitSigner.signHead(repo.dir(), carol);
      String tampered = CommitSigner.tamperHead(repo.dir(), "changed\n");
      assertThat(only(verify(v, repo, Optional.empty(), tampered)))
          .isInstanceOf(SignatureCheck.BadSignature.class);
    }
  }

  @Test
  void modeAllChecksEveryCommitAfterTheBaseAndModeHeadOnlyTheHead() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("base", Map.of("a.txt", "1"));
      String base = CommitSigner.signHead(repo.dir(), alice);
      String unsigned = repo.commit("unsigned in the middle", Map.of("a.txt", "2"));
      repo.commit("signed head", Map.of("a.txt", "3"));
      String head = CommitSigner.signHead(repo.dir(), alice);
      Path signers = allowedSigners(alice.allowedSigner("alice@example.org"));

      List<CommitCheck> all = verify(ssh(signers, Mode.ALL), repo, Optional.of(base), head);
      List<CommitCheck> onlyHead = verify(ssh(signers, Mode.HEAD), repo, Optional.of(base), head);

      assertThat(all).extracting(CommitCheck::sha).containsExactlyInAnyOrder(head, unsigned);
      assertThat(all)
          .filteredOn(c -> !c.result().verified())
          .extracting(CommitCheck::sha)
          .containsExactly(unsigned);
      assertThat(onlyHead).extracting(CommitCheck::sha).containsExactly(head);
      assertThat(onlyHead.get(0).result().verified()).isTrue();
    }
  }

  @Test
  void unreadableKeyFilesFailAtStartUp() throws IOException {
    Path notKeys = Files.writeString(tmp.resolve("notkeys.asc"), "hello\n");

    assertThatThrownBy(() -> pgp(notKeys))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notkeys.asc");
    assertThatThrownBy(() -> ssh(tmp.resolve("missing"), Mode.ALL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read allowed signers file");
  }
}
