package dev.eden.schema.model;

import dev.eden.schema.SourcePos;
import java.util.UUID;

/**
 * One object of the manifest language as loaded from a repository: envelope, typed spec and the
 * position of its document.
 */
public record Manifest(
    String apiVersion, Kind kind, ObjectMeta metadata, Spec spec, SourcePos pos) {

  public ObjectKey key() {
    return new ObjectKey(kind, metadata.namespace(), metadata.name());
  }

  public UUID uuid() {
    return key().uuid();
  }

  /** The spec as {@code type}; callers check {@link #kind()} first. */
  public <S extends Spec> S spec(Class<S> type) {
    return type.cast(spec);
  }
}
