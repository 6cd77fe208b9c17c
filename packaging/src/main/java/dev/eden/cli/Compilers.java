package dev.eden.cli;

import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.pipeline.ManifestRevisionCompiler;
import dev.eden.reconciler.pipeline.RevisionCompiler;
import java.util.Optional;

/**
 * Which {@link RevisionCompiler} the reconciler and the offline commands use: the one place to wire
 * the manifest loader and compiler into the command line.
 */
final class Compilers {

  private Compilers() {}

  /**
   * The compiler for a repository of manifests, or empty while none is wired into this build (the
   * command then refuses to start with a clear message).
   */
  static Optional<RevisionCompiler> forRepository() {
    return Optional.of(new ManifestRevisionCompiler(new Compiler()));
  }
}
