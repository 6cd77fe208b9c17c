package dev.eden.reconciler.pipeline;

import dev.eden.reconciler.compile.Revision;
import dev.eden.reconciler.compile.TaskBookCompiler;
import dev.eden.schema.load.SourceTree;
import java.util.List;

/**
 * Loads and compiles revisions into node plans: the pipeline's load and compile steps call it. The
 * real implementation is {@link ManifestRevisionCompiler}; tests plug in simpler ones.
 *
 * <p>Implementations hold no notion of an accepted revision: everything comes in the call (a cache
 * keyed by its inputs may sit behind it). They must be thread-safe and must not throw for bad
 * input: bad manifests are located errors. An unchecked exception is treated as a rejection with
 * the exception's message.
 */
@FunctionalInterface
public interface RevisionCompiler {

  /** Compiles an admitted revision for the request's nodes. */
  CompileOutcome compile(CompileRequest request);

  /**
   * Loads and validates the objects of a revision's files. By default there are none: the compiler
   * reads the files itself in {@link #compile}.
   *
   * @param revision the revision id, {@code main@sha1:<sha>}
   */
  default Loaded load(String revision, SourceTree tree) {
    return new Loaded(new Revision(revision, List.of(), tree), List.of());
  }

  /** How a dispatch compiles one TaskBook; {@link TaskBookCompiler#NONE} when this cannot. */
  default TaskBookCompiler taskBooks() {
    return TaskBookCompiler.NONE;
  }
}
