package dev.eden.cli;

import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.pipeline.ManifestRevisionCompiler;
import dev.eden.reconciler.pipeline.RevisionCompiler;

/**
 * Which {@link RevisionCompiler} the reconciler and the offline commands use: the one place to wire
 * the manifest loader and compiler into the command line.
 */
final class Compilers {

  private Compilers() {}

  /** The compiler for a repository of manifests: the schema's loader and the plan compiler. */
  static RevisionCompiler forRepository() {
    return new ManifestRevisionCompiler(new Compiler());
  }
}
