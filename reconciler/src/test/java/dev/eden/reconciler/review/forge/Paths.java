package dev.eden.reconciler.review.forge;

/** Where each forge's API takes what previews send (as WireMock is told to expect it). */
final class Paths {

  private Paths() {}

  static String prefix(ForgeKind kind) {
    return switch (kind) {
      case GITHUB -> "";
      case GITLAB -> "/api/v4";
      case GITEA -> "/api/v1";
    };
  }

  private static String repo(ForgeKind kind) {
    return kind == ForgeKind.GITLAB
        ? prefix(kind) + "/projects/acme%2Ffleet"
        : prefix(kind) + "/repos/acme/fleet";
  }

  static String status(ForgeKind kind, String sha) {
    return repo(kind) + "/statuses/" + sha;
  }

  static String comments(ForgeKind kind) {
    return kind == ForgeKind.GITLAB
        ? repo(kind) + "/merge_requests/5/notes"
        : repo(kind) + "/issues/5/comments";
  }

  static String comment(ForgeKind kind, long id) {
    return kind == ForgeKind.GITLAB
        ? comments(kind) + "/" + id
        : repo(kind) + "/issues/comments/" + id;
  }

  static String editMethod(ForgeKind kind) {
    return kind == ForgeKind.GITLAB ? "PUT" : "PATCH";
  }

  static String failure(ForgeKind kind) {
    return kind == ForgeKind.GITLAB ? "failed" : "failure";
  }

  static String authHeader(ForgeKind kind) {
    return kind == ForgeKind.GITLAB ? "PRIVATE-TOKEN" : "Authorization";
  }
}
