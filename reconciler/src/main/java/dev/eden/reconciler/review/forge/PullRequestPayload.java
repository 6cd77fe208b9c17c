package dev.eden.reconciler.review.forge;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Reads a forge's pull-request (merge-request) webhook payload. */
public final class PullRequestPayload {

  private static final Set<String> PREVIEWED =
      Set.of("opened", "synchronize", "synchronized", "reopened", "open", "update", "reopen");

  private PullRequestPayload() {}

  /** What a payload asks for. */
  public sealed interface Parsed {
    /** A pull request to preview. */
    record Preview(PullRequest pullRequest) implements Parsed {}

    /** An action previews do not follow (closed, labeled, ...). */
    record Ignored(String action) implements Parsed {}
  }

  /** The payload is not JSON, lacks a field, or is for another repository. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    public Malformed(String message) {
      super(message);
    }
  }

  /**
   * @param repository the {@code OWNER/NAME} the reconciler previews; other repositories' events
   *     are refused
   */
  public static Parsed parse(ForgeKind kind, String repository, byte[] body) throws Malformed {
    JsonObject root;
    try {
      JsonElement e = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      if (!e.isJsonObject()) {
        throw new Malformed("pull-request payload: not a JSON object");
      }
      root = e.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new Malformed("pull-request payload: not JSON: " + e.getMessage());
    }
    return kind == ForgeKind.GITLAB ? gitlab(root, repository) : github(root, repository);
  }

  private static Parsed github(JsonObject root, String repository) throws Malformed {
    checkRepository(text(root, "repository.full_name"), repository);
    String action = text(root, "action");
    if (!PREVIEWED.contains(action)) {
      return new Parsed.Ignored(action);
    }
    return new Parsed.Preview(
        new PullRequest(
            number(root, "number"),
            sha(root, "pull_request.head.sha"),
            text(root, "pull_request.base.ref"),
            optional(root, "pull_request.base.sha")));
  }

  private static Parsed gitlab(JsonObject root, String repository) throws Malformed {
    checkRepository(text(root, "project.path_with_namespace"), repository);
    String action = optional(root, "object_attributes.action");
    if (!PREVIEWED.contains(action)) {
      return new Parsed.Ignored(action.isEmpty() ? "(none)" : action);
    }
    return new Parsed.Preview(
        new PullRequest(
            number(root, "object_attributes.iid"),
            sha(root, "object_attributes.last_commit.id"),
            text(root, "object_attributes.target_branch"),
            ""));
  }

  private static void checkRepository(String given, String expected) throws Malformed {
    if (!given.equalsIgnoreCase(expected)) {
      throw new Malformed("pull-request payload is for repository " + given + ", not " + expected);
    }
  }

  private static JsonElement at(JsonObject root, String path) {
    JsonElement e = root;
    for (String key : path.split("\\.")) {
      if (e == null || !e.isJsonObject()) {
        return null;
      }
      e = e.getAsJsonObject().get(key);
    }
    return e == null || e.isJsonNull() ? null : e;
  }

  private static String optional(JsonObject root, String path) {
    JsonElement e = at(root, path);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
  }

  private static String text(JsonObject root, String path) throws Malformed {
    String s = optional(root, path);
    if (s.isEmpty()) {
      throw new Malformed("pull-request payload: no " + path);
    }
    return s;
  }

  private static String sha(JsonObject root, String path) throws Malformed {
    String s = text(root, path);
    if (!s.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
      throw new Malformed("pull-request payload: " + path + " is not a commit sha: " + s);
    }
    return s;
  }

  private static long number(JsonObject root, String path) throws Malformed {
    JsonElement e = at(root, path);
    try {
      long n = e == null ? 0 : e.getAsLong();
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException ex) {
      // reported below
    }
    throw new Malformed("pull-request payload: " + path + " is not a pull-request number");
  }
}
