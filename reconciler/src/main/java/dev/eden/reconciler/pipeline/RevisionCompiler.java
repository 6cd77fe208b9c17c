package dev.eden.reconciler.pipeline;

/**
 * Loads, validates and compiles one revision into node plans. The real implementation sits in
 * {@code dev.eden.reconciler.compile}; the pipeline only knows this interface.
 *
 * <p>Implementations must be thread-safe and must not throw for bad input: bad manifests are a
 * {@link CompileOutcome.Rejected} with located errors. An unchecked exception is treated as a
 * rejection with the exception's message.
 */
@FunctionalInterface
public interface RevisionCompiler {

  CompileOutcome compile(CompileRequest request);
}
