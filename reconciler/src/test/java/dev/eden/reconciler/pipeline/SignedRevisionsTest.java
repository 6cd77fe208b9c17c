package dev.eden.reconciler.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.proto.RevisionInfo;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.SiteOptions;
import dev.eden.reconciler.source.VerificationConfig;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.testkit.CommitSigner;
import dev.eden.reconciler.testkit.CommitSigner.SshKey;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.testkit.TextCompiler;
import dev.eden.testkit.GitRepoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedRevisionsTest {

  @TempDir static Path keys;
  @TempDir Path tmp;

  private static SshKey alice;
  private static SshKey bob;

  @BeforeAll
  static void makeKeys() {
    alice = CommitSigner.sshKey(keys, "alice");
    bob = CommitSigner.sshKey(keys, "bob");
  }

  private Path signers(SshKey... allowed) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (SshKey k : allowed) {
      lines.append(k.allowedSigner(k.privateKey().getFileName() + "@example.org")).append('\n');
    }
    return Files.writeString(tmp.resolve("allowed_signers"), lines);
  }

  private InProcessReconciler start(GitRepoFixture repo, Path signers) {
    VerificationConfig verify =
        new VerificationConfig(Optional.of(signers), Optional.empty(), VerificationConfig.Mode.ALL);
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.dir().toString(), "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL)
            .withSite(SiteOptions.defaults().withVerification(verify));
    return InProcessReconciler.start(config, new TextCompiler(), Clock.systemUTC());
  }

  private static String served(InProcessReconciler r) {
    return r.reconciler().store().currentRevision().map(RevisionInfo::getCommit).orElse("none");
  }

  @Test
  void unsignedCommitIsRejectedAndTheLastSignedRevisionKeepsServing() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("good", Map.of("nodes/web-1.txt", "echo one"));
      String good = CommitSigner.signHead(repo.dir(), alice);
      try (InProcessReconciler r = start(repo, signers(alice))) {
        r.reconciler().fetchNow();
        RevisionInfo accepted = r.reconciler().store().currentRevision().orElseThrow();
        assertThat(accepted.getCommit()).isEqualTo(good);
        assertThat(accepted.getSigner()).isEqualTo("alice@example.org");

        String unsigned = repo.commit("sneaky", Map.of("nodes/web-1.txt", "echo two"));
        SyncResult result = r.reconciler().fetchNow();

        assertThat(result).isInstanceOf(SyncResult.Rejected.class);
        assertThat(result.revisionOrNull().getErrorsList())
            .containsExactly("commit " + unsigned.substring(0, 12) + " \"sneaky\": unsigned");
        assertThat(served(r)).isEqualTo(good);
        Event failed = lastEvent(r, Reason.VERIFICATION_FAILED.text());
        assertThat(failed.getType()).isEqualTo(Event.Type.WARNING);
        assertThat(failed.getRevision()).isEqualTo("main@sha1:" + unsigned);
        assertThat(failed.getMessage())
            .contains(unsigned.substring(0, 12), "unsigned", "serving main@sha1:" + good);
        assertThat(r.reconciler().fetchNow()).isInstanceOf(SyncResult.Unchanged.class);
      }
    }
  }

  @Test
  void signedHeadOnTopOfAnUnsignedCommitIsStillRejectedInModeAll() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("good", Map.of("nodes/web-1.txt", "echo one"));
      String good = CommitSigner.signHead(repo.dir(), alice);
      try (InProcessReconciler r = start(repo, signers(alice))) {
        r.reconciler().fetchNow();
        String unsigned = repo.commit("unsigned", Map.of("nodes/web-1.txt", "echo two"));
        repo.commit("signed on top", Map.of("nodes/web-1.txt", "echo three"));
        CommitSigner.signHead(repo.dir(), alice);

        SyncResult result = r.reconciler().fetchNow();

        assertThat(result).isInstanceOf(SyncResult.Rejected.class);
        assertThat(result.revisionOrNull().getErrorsList())
            .containsExactly("commit " + unsigned.substring(0, 12) + " \"unsigned\": unsigned");
        assertThat(served(r)).isEqualTo(good);
      }
    }
  }

  @Test
  void addingTheSignerOfARefusedHeadAcceptsItAtTheNextSync() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("good", Map.of("nodes/web-1.txt", "echo one"));
      CommitSigner.signHead(repo.dir(), alice);
      try (InProcessReconciler r = start(repo, signers(alice))) {
        r.reconciler().fetchNow();
        repo.commit("by bob", Map.of("nodes/web-1.txt", "echo two"));
        String byBob = CommitSigner.signHead(repo.dir(), bob);
        SyncResult refused = r.reconciler().fetchNow();
        assertThat(refused.revisionOrNull().getErrors(0)).contains("signed with unknown key");

        signers(alice, bob);
        SyncResult result = r.reconciler().fetchNow();

        assertThat(result).isInstanceOf(SyncResult.Accepted.class);
        assertThat(served(r)).isEqualTo(byBob);
        assertThat(result.revisionOrNull().getSigner()).isEqualTo("bob@example.org");
      }
    }
  }

  @Test
  void servedRevisionThatNoLongerVerifiesKeepsServingWithAWarningAtStartUp() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("good", Map.of("nodes/web-1.txt", "echo one"));
      String good = CommitSigner.signHead(repo.dir(), alice);
      try (InProcessReconciler r = start(repo, signers(alice))) {
        r.reconciler().fetchNow();
        assertThat(served(r)).isEqualTo(good);
      }
      try (InProcessReconciler r = start(repo, signers(bob))) {
        r.reconciler().fetchNow();

        assertThat(served(r)).isEqualTo(good);
        assertThat(r.reconciler().plans().plan("web-1")).isPresent();
        Event warning = lastEvent(r, Reason.VERIFICATION_FAILED.text());
        assertThat(warning.getMessage())
            .contains("the served revision main@sha1:" + good, "unknown key", "keeps serving");
      }
    }
  }

  private static Event lastEvent(InProcessReconciler r, String reason) {
    List<Event> events = r.reconciler().store().listEvents(EventQuery.after(0));
    return events.stream()
        .filter(e -> e.getReason().equals(reason))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + reason + " event in " + events));
  }
}
