package dev.eden.reconciler.pipeline;

import dev.eden.reconciler.compile.Revision;
import java.util.List;

/**
 * A revision's files as loaded: the objects that bound, and every located problem.
 *
 * @param revision the revision with the valid objects, and its files (for templates)
 * @param errors located errors, {@code path:LINE:COL: message}, sorted; empty when it is valid
 */
public record Loaded(Revision revision, List<String> errors) {
  public Loaded {
    errors = List.copyOf(errors);
  }
}
