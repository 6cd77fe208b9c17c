package dev.eden.schema.load;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.model.Manifest;
import java.util.List;

/**
 * What loading a tree gave: the objects that are valid on their own, and every problem, sorted by
 * file, line and column. A revision is accepted only when {@link #ok()}.
 */
public record LoadResult(List<Manifest> objects, List<Diagnostic> errors) {

  public LoadResult {
    objects = List.copyOf(objects);
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
