package dev.eden.reconciler.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node registrations and label or fact changes, queued and merged: one worker drains everything
 * queued so far into one recompile pass, so many nodes joining at once cost a few passes, not one
 * each, and nothing compiles on the caller's (gRPC) thread.
 *
 * <p>The worker is an injected {@link Executor} that must run one task at a time (a single thread
 * in the reconciler; a queue the test runs by hand).
 */
public final class NodeChanges {

  private static final Logger LOG = LoggerFactory.getLogger(NodeChanges.class);

  private final Consumer<Set<String>> pass;
  private final Executor worker;
  private final AtomicLong passes = new AtomicLong();
  private Set<String> queued = new TreeSet<>();
  private List<CompletableFuture<Void>> waiting = new ArrayList<>();
  private boolean draining;

  /**
   * @param pass recompiles a set of nodes and serves their plans ({@link
   *     RevisionPipeline#nodesChanged})
   * @param worker runs the drains, one at a time
   */
  public NodeChanges(Consumer<Set<String>> pass, Executor worker) {
    this.pass = pass;
    this.worker = worker;
  }

  /**
   * Queues {@code node} for the next pass.
   *
   * @return completed once a pass that includes the node has been applied (its plan is served)
   */
  public CompletableFuture<Void> changed(String node) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (this) {
      queued.add(node);
      waiting.add(done);
      if (draining) {
        return done;
      }
      draining = true;
    }
    try {
      worker.execute(this::drain);
    } catch (RejectedExecutionException closed) {
      LOG.debug("event=node_change_dropped node={} reason=closed", node);
      List<CompletableFuture<Void>> dropped = take().waiting;
      dropped.forEach(f -> f.complete(null));
    }
    return done;
  }

  /** How many recompile passes ran. */
  public long passes() {
    return passes.get();
  }

  private record Batch(Set<String> nodes, List<CompletableFuture<Void>> waiting) {}

  private synchronized Batch take() {
    Batch batch = new Batch(queued, waiting);
    queued = new TreeSet<>();
    waiting = new ArrayList<>();
    draining = false;
    return batch;
  }

  /** Everything queued so far, in one pass; what arrives meanwhile waits for the next drain. */
  private void drain() {
    Batch batch = take();
    try {
      passes.incrementAndGet();
      pass.accept(batch.nodes());
      LOG.debug("event=nodes_recompiled nodes={}", batch.nodes().size());
    } catch (RuntimeException e) {
      LOG.error("event=node_pass_failed nodes={} error=\"{}\"", batch.nodes(), e.toString(), e);
    } finally {
      batch.waiting().forEach(f -> f.complete(null));
    }
  }
}
