package dev.eden.schema.model;

import java.util.Map;
import java.util.Optional;

/** The {@code metadata} of every object. {@code namespace} is empty for global kinds. */
public record ObjectMeta(
    String name,
    Optional<String> namespace,
    Map<String, String> labels,
    Map<String, String> annotations) {
  public ObjectMeta {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }
}
