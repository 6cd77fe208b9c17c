package dev.eden.schema.model;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/** What names an object: kind, namespace (global kinds have none) and name. */
public record ObjectKey(Kind kind, Optional<String> namespace, String name) {

  /**
   * The object's stable uuid: name-based (type 3, MD5) over {@code kind/namespace/name}, so the
   * same object keeps it across revisions and reconcilers.
   */
  public UUID uuid() {
    return UUID.nameUUIDFromBytes(
        ("eden:" + kind.wireName() + "/" + namespace.orElse("") + "/" + name)
            .getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return kind.wireName() + "/" + namespace.map(ns -> ns + "/").orElse("") + name;
  }
}
