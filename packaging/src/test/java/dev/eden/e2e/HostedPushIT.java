package dev.eden.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site without a forge: {@code eden reconciler --hosted} as a real process, a stock {@code git}
 * client pushing to it with a token from {@code eden token create --push}, and a real agent
 * applying what was pushed.
 */
class HostedPushIT {

  @TempDir java.nio.file.Path work;

  /** What one git command printed and how it ended. */
  private record Run(int exit, String output) {}

  private Run git(java.nio.file.Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "credential.helper="));
    command.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      pb.redirectErrorStream(true);
      pb.environment().put("GIT_TERMINAL_PROMPT", "0");
      pb.environment().remove("GIT_ASKPASS");
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(Fleet.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("git did not finish: " + output);
      }
      return new Run(p.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Test
  void pushedCommitsReachAnAgentAndABadPushIsRefusedWithItsLocatedError() throws Exception {
    try (Fleet fleet = Fleet.withRepository(work, FleetIT.TestRepository.files())) {
      fleet.startHostedReconciler();
      String token = fleet.pushToken();
      String head = fleet.headCommit();

      Run good = git(fleet.repo.dir(), "push", fleet.gitUrl(token), "main");

      assertThat(good.exit()).as(good.output()).isZero();
      assertThat(good.output()).contains("remote: eden: " + head.substring(0, 12) + " is valid");
      fleet.startAgent("web-1", "tier=web,env=test");
      fleet.awaitConverged(head, List.of("web-1"));
      assertThat(Files.readString(fleet.root("web-1").resolve("etc/app/app.conf")))
          .startsWith("greeting=hello\n");

      fleet.repo.writeAndCommit(
          "broken.yaml",
          "apiVersion: v1alpha\nkind: TaskBook\nmetadata: {name: broken, namespace: prod}\n"
              + "spec:\n  steps:\n    - name: x\n      action: file.manged\n",
          "a typo in an action");
      Run bad = git(fleet.repo.dir(), "push", fleet.gitUrl(token), "main");

      assertThat(bad.exit()).isNotZero();
      assertThat(bad.output()).contains("remote: broken.yaml:7:15:", "[remote rejected] main");
      assertThat(fleet.view().currentCommit()).isEqualTo(head);

      Run wrong = git(fleet.repo.dir(), "push", fleet.gitUrl("not-a-token"), "main");
      assertThat(wrong.exit()).isNotZero();
      assertThat(wrong.output()).contains("Authentication failed");
      await().atMost(Fleet.PATIENCE).until(() -> fleet.view().currentCommit().equals(head));
    }
  }
}
