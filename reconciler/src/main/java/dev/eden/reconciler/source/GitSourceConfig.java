package dev.eden.reconciler.source;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the desired state lives.
 *
 * @param repo a local path or a URL (file://, https://, ssh://, git@host:path)
 * @param branch the branch to watch ("main" when empty)
 * @param path the sub-path inside the repository ("" for the root)
 * @param gitDir where the bare clone is kept ({@code <data-dir>/git})
 * @param token an https token (from {@code EDEN_GIT_TOKEN}), "" for none
 */
public record GitSourceConfig(String repo, String branch, String path, Path gitDir, String token) {

  public GitSourceConfig {
    Objects.requireNonNull(repo, "repo");
    branch = branch == null || branch.isBlank() ? "main" : branch;
    path = normalise(path);
    token = token == null ? "" : token;
  }

  private static String normalise(String path) {
    if (path == null) {
      return "";
    }
    String p = path.replace('\\', '/');
    while (p.startsWith("/") || p.startsWith("./")) {
      p = p.startsWith("/") ? p.substring(1) : p.substring(2);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.equals(".") ? "" : p;
  }

  /** The revision id of a commit on this branch: {@code main@sha1:<sha>}. */
  public String revisionId(String sha) {
    return branch + "@sha1:" + sha;
  }
}
