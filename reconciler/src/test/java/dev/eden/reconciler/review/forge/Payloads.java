package dev.eden.reconciler.review.forge;

import java.nio.charset.StandardCharsets;

/** Pull-request webhook payloads as each forge sends them (the fields eden reads). */
final class Payloads {

  private Payloads() {}

  static String open(ForgeKind kind) {
    return kind == ForgeKind.GITLAB ? "open" : "opened";
  }

  static byte[] of(ForgeKind kind, String head, String action) {
    String json =
        kind == ForgeKind.GITLAB
            ? """
              {"object_kind": "merge_request",
               "project": {"path_with_namespace": "acme/fleet"},
               "object_attributes": {"iid": 5, "action": "%s", "target_branch": "main",
                                     "last_commit": {"id": "%s"}}}
              """
                .formatted(action, head)
            : """
              {"action": "%s", "number": 5,
               "pull_request": {"head": {"sha": "%s"}, "base": {"ref": "main"}},
               "repository": {"full_name": "acme/fleet"}}
              """
                .formatted(action, head);
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
