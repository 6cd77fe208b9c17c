package dev.eden.reconciler.compile;

import dev.eden.schema.load.SourceTree;
import dev.eden.schema.model.Manifest;
import java.util.List;

/**
 * One loaded and validated revision: its objects, the files it was loaded from (for templates) and
 * its id, written as Flux does ({@code main@sha1:<sha>}).
 */
public record Revision(String id, List<Manifest> objects, SourceTree tree) {
  public Revision {
    objects = List.copyOf(objects);
  }
}
