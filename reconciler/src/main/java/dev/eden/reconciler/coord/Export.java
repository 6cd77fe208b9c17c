package dev.eden.reconciler.coord;

import java.time.Instant;

/**
 * A value published by one node for the nodes that {@code visibleTo} selects. {@link #toString()}
 * never shows the value.
 */
public record Export(
    String namespace,
    String name,
    String value,
    String visibleTo,
    String publisher,
    Instant publishedAt) {

  @Override
  public String toString() {
    return "Export["
        + namespace
        + "/"
        + name
        + " by "
        + publisher
        + ", visibleTo="
        + visibleTo
        + "]";
  }
}
