package dev.eden.reconciler.testkit;

import dev.eden.common.Reason;
import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.pipeline.RevisionCompiler;
import dev.eden.reconciler.store.EventQuery;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real reconciler on the in-process gRPC transport, with a channel to it. Close it to stop both.
 */
public final class InProcessReconciler implements AutoCloseable {

  /** Long enough that only the first fetch and explicit ones happen during a test. */
  public static final Duration NO_POLL = Duration.ofHours(1);

  private final Reconciler reconciler;
  private final ManagedChannel channel;

  private InProcessReconciler(Reconciler reconciler, ManagedChannel channel) {
    this.reconciler = reconciler;
    this.channel = channel;
  }

  public static InProcessReconciler start(
      ReconcilerConfig config, RevisionCompiler compiler, Clock clock) {
    String name = InProcessServerBuilder.generateName();
    Reconciler r = Reconciler.start(config, compiler, InProcessServerBuilder.forName(name), clock);
    return new InProcessReconciler(r, InProcessChannelBuilder.forName(name).build());
  }

  /** A reconciler on {@code repo}'s main branch, not polling after the first fetch. */
  public static InProcessReconciler start(
      java.nio.file.Path repo, java.nio.file.Path dataDir, RevisionCompiler compiler) {
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.toString(), "main", "", dataDir).withPoll(NO_POLL);
    return start(config, compiler, Clock.systemUTC());
  }

  /**
   * Waits until a revision serves: published to the holder (its plans are served by then) and its
   * {@code RevisionAccepted} event stored.
   */
  public void awaitRevision() {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                reconciler.accepted().current().isPresent()
                    && reconciler.store().listEvents(EventQuery.after(0)).stream()
                        .anyMatch(e -> e.getReason().equals(Reason.REVISION_ACCEPTED.text())));
  }

  public Reconciler reconciler() {
    return reconciler;
  }

  public ManagedChannel channel() {
    return channel;
  }

  public AgentServiceGrpc.AgentServiceBlockingStub agent() {
    return AgentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  public ControlServiceGrpc.ControlServiceBlockingStub control() {
    return ControlServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    reconciler.close();
  }
}
