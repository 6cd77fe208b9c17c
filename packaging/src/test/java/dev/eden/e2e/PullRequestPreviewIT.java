package dev.eden.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's story with real processes: agents report their facts, a pull request is opened on a
 * GitHub (WireMock), and the reconciler answers with a commit status and a comment whose diffs show
 * each node's own facts; the served revision does not move.
 */
@Timeout(300)
class PullRequestPreviewIT {

  private static final String HOOK_TOKEN = "hook-secret";

  private static final String NODES =
      """
      kind: Node
      metadata: {name: web-1}
      spec: {labels: {tier: web}}
      ---
      kind: Node
      metadata: {name: web-2}
      spec: {labels: {tier: web}}
      """;

  private static final String MOTD =
      """
      kind: TaskBook
      metadata: {name: motd, namespace: ops}
      spec:
        targets: {selector: "tier=web"}
        steps:
          - name: etc
            action: directory
            parameters: {path: /etc}
          - name: motd
            action: file.managed
            requires: [etc]
            parameters: {path: /etc/motd, content: "TEXT {{facts.rack}}\\n"}
      """;

  @TempDir Path work;

  @Test
  void aPullRequestGetsAStatusAndACommentWithEachNodesFacts() throws Exception {
    WireMockServer github = new WireMockServer(options().dynamicPort());
    github.start();
    github.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(anyUrl())
            .willReturn(aResponse().withStatus(201).withBody("{\"id\": 9}")));
    github.stubFor(get(anyUrl()).willReturn(okJson("[]")));
    Files.writeString(work.resolve("forge-token"), "ghp_secret\n");
    Files.writeString(work.resolve("hook-token"), HOOK_TOKEN);
    try (Fleet fleet =
        Fleet.withRepository(
            work, Map.of("nodes.yaml", NODES, "motd.yaml", MOTD.replace("TEXT", "rack")))) {
      fleet.startReconciler(
          "1h",
          "--forge",
          "github",
          "--forge-api",
          github.baseUrl(),
          "--forge-repo",
          "acme/fleet",
          "--forge-token-file",
          work.resolve("forge-token").toString(),
          "--webhook-token-file",
          work.resolve("hook-token").toString());
      for (String node : List.of("web-1", "web-2")) {
        Path facts = Files.createDirectories(fleet.dataDir(node).resolve("facts.d"));
        Files.writeString(facts.resolve("site.yaml"), "rack: rack-of-" + node + "\n");
        fleet.startAgent(node, "tier=web");
      }
      String main = fleet.headCommit();
      fleet.awaitConverged(main, List.of("web-1", "web-2"));

      String head = openPullRequest(fleet, MOTD.replace("TEXT", "welcome to"));
      assertThat(post(fleet, payload("acme/fleet", head), false)).isEqualTo(401);
      assertThat(post(fleet, payload("evil/fleet", head), true)).isEqualTo(400);
      assertThat(post(fleet, payload("acme/fleet", head), true)).isEqualTo(202);

      String status = "/repos/acme/fleet/statuses/" + head;
      await()
          .atMost(Fleet.PATIENCE)
          .until(() -> github.findAll(postRequestedFor(urlPathEqualTo(status))).size() == 2);
      JsonObject last =
          json(github.findAll(postRequestedFor(urlPathEqualTo(status))).get(1).getBodyAsString());
      assertThat(last.get("state").getAsString()).isEqualTo("success");
      assertThat(last.get("context").getAsString()).isEqualTo("eden/plan");
      assertThat(last.get("description").getAsString()).isEqualTo("2 nodes change, 0 unchanged");
      String comment =
          json(github
                  .findAll(postRequestedFor(urlPathEqualTo("/repos/acme/fleet/issues/7/comments")))
                  .get(0)
                  .getBodyAsString())
              .get("body")
              .getAsString();
      assertThat(comment)
          .startsWith("<!-- eden:plan -->")
          .contains("2 of 2 nodes change: web-1 web-2")
          .contains("rack rack-of-web-1", "welcome to rack-of-web-1")
          .contains("welcome to rack-of-web-2")
          .doesNotContain("ghp_secret");
      await()
          .atMost(Fleet.PATIENCE)
          .until(
              () ->
                  fleet.events().stream()
                      .anyMatch(e -> e.getReason().equals("PullRequestPlanned")));
      assertThat(fleet.view().currentCommit()).isEqualTo(main);
      assertThat(Files.readString(fleet.root("web-1").resolve("etc/motd")))
          .isEqualTo("rack rack-of-web-1\n");
      assertThat(metrics(fleet)).contains("eden_pull_request_previews_total{result=\"planned\"} 1");
    } finally {
      github.stop();
    }
  }

  /** Commits {@code motd} on a branch and points GitHub's {@code refs/pull/7/head} at it. */
  private static String openPullRequest(Fleet fleet, String motd) throws Exception {
    try (Git git = Git.open(fleet.repo.dir().toFile())) {
      git.checkout().setCreateBranch(true).setName("feature").call();
      Files.writeString(fleet.repo.dir().resolve("motd.yaml"), motd);
      git.add().addFilepattern(".").call();
      String head =
          git.commit()
              .setMessage("motd: welcome")
              .setAuthor("t", "t@x")
              .setCommitter("t", "t@x")
              .call()
              .name();
      git.checkout().setName("main").call();
      RefUpdate ref = git.getRepository().updateRef("refs/pull/7/head");
      ref.setNewObjectId(ObjectId.fromString(head));
      ref.forceUpdate();
      return head;
    }
  }

  private static String payload(String repository, String head) {
    return """
        {"action": "opened", "number": 7,
         "pull_request": {"head": {"sha": "%s"}, "base": {"ref": "main"}},
         "repository": {"full_name": "%s"}}
        """
        .formatted(head, repository);
  }

  private static int post(Fleet fleet, String body, boolean signed) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fleet.httpPort + "/hooks/git"))
            .header("X-GitHub-Event", "pull_request")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signed) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(HOOK_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String hex = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
      r.header("X-Hub-Signature-256", "sha256=" + hex);
    }
    return HttpClient.newHttpClient()
        .send(r.build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static String metrics(Fleet fleet) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fleet.httpPort + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }
}
