package dev.eden.reconciler.review.forge;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * GitLab's REST API (v4): {@code POST /projects/{id}/statuses/{sha}}, {@code GET|POST
 * /projects/{id}/merge_requests/{iid}/notes}, {@code PUT .../notes/{note_id}}; the project id is
 * its URL-encoded path.
 */
final class GitLabApi implements ForgeApi {

  private final ForgeHttp http;
  private final String project;

  GitLabApi(ForgeHttp http, String repository) {
    this.http = http;
    this.project = "/projects/" + URLEncoder.encode(repository, StandardCharsets.UTF_8);
  }

  @Override
  public void status(String sha, CommitState state, String description) throws ForgeException {
    JsonObject body = new JsonObject();
    body.addProperty(
        "state",
        switch (state) {
          case PENDING -> "pending";
          case SUCCESS -> "success";
          case FAILURE -> "failed";
        });
    body.addProperty("name", CONTEXT);
    body.addProperty("description", description);
    http.send("POST", project + "/statuses/" + sha, body);
  }

  @Override
  public OptionalLong findComment(long number, String marker) throws ForgeException {
    for (int page = 1; page <= GitHubApi.PAGES; page++) {
      JsonElement list =
          http.send("GET", notes(number) + "?per_page=" + GitHubApi.PAGE + "&page=" + page, null);
      if (!list.isJsonArray() || list.getAsJsonArray().isEmpty()) {
        break;
      }
      for (JsonElement n : list.getAsJsonArray()) {
        JsonObject o = n.getAsJsonObject();
        if (o.has("body") && o.get("body").getAsString().startsWith(marker)) {
          return OptionalLong.of(o.get("id").getAsLong());
        }
      }
      if (list.getAsJsonArray().size() < GitHubApi.PAGE) {
        break;
      }
    }
    return OptionalLong.empty();
  }

  @Override
  public long addComment(long number, String body) throws ForgeException {
    JsonObject b = new JsonObject();
    b.addProperty("body", body);
    return http.send("POST", notes(number), b).getAsJsonObject().get("id").getAsLong();
  }

  @Override
  public void editComment(long number, long id, String body) throws ForgeException {
    JsonObject b = new JsonObject();
    b.addProperty("body", body);
    http.send("PUT", notes(number) + "/" + id, b);
  }

  private String notes(long number) {
    return project + "/merge_requests/" + number + "/notes";
  }
}
