package dev.eden.reconciler.review.forge;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * GitHub's REST API, which Gitea's follows for what eden needs: {@code POST
 * /repos/{o}/{r}/statuses/{sha}}, {@code GET|POST /repos/{o}/{r}/issues/{n}/comments}, {@code PATCH
 * /repos/{o}/{r}/issues/comments/{id}}.
 */
final class GitHubApi implements ForgeApi {

  /** Comments read per page while looking for eden's own, and pages read at most. */
  static final int PAGE = 100;

  static final int PAGES = 20;

  private final ForgeHttp http;
  private final String repo;
  private final ForgeKind kind;

  GitHubApi(ForgeHttp http, String repository, ForgeKind kind) {
    this.http = http;
    this.repo = "/repos/" + repository;
    this.kind = kind;
  }

  @Override
  public void status(String sha, CommitState state, String description) throws ForgeException {
    JsonObject body = new JsonObject();
    body.addProperty("state", state.name().toLowerCase(Locale.ROOT));
    body.addProperty("description", description);
    body.addProperty("context", CONTEXT);
    http.send("POST", repo + "/statuses/" + sha, body);
  }

  @Override
  public OptionalLong findComment(long number, String marker) throws ForgeException {
    for (int page = 1; page <= PAGES; page++) {
      JsonElement list =
          http.send("GET", repo + "/issues/" + number + "/comments?" + pageQuery(page), null);
      if (!list.isJsonArray() || list.getAsJsonArray().isEmpty()) {
        break;
      }
      for (JsonElement c : list.getAsJsonArray()) {
        JsonObject o = c.getAsJsonObject();
        if (o.has("body") && o.get("body").getAsString().startsWith(marker)) {
          return OptionalLong.of(o.get("id").getAsLong());
        }
      }
      if (list.getAsJsonArray().size() < PAGE) {
        break;
      }
    }
    return OptionalLong.empty();
  }

  private String pageQuery(int page) {
    return (kind == ForgeKind.GITEA ? "limit=" : "per_page=") + PAGE + "&page=" + page;
  }

  @Override
  public long addComment(long number, String body) throws ForgeException {
    JsonObject b = new JsonObject();
    b.addProperty("body", body);
    return http.send("POST", repo + "/issues/" + number + "/comments", b)
        .getAsJsonObject()
        .get("id")
        .getAsLong();
  }

  @Override
  public void editComment(long number, long id, String body) throws ForgeException {
    JsonObject b = new JsonObject();
    b.addProperty("body", body);
    http.send("PATCH", repo + "/issues/comments/" + id, b);
  }
}
