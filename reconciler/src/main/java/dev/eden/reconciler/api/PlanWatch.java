package dev.eden.reconciler.api;

import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanUpdate;
import dev.eden.reconciler.pipeline.PlanRegistry;
import dev.eden.reconciler.pipeline.Subscription;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open WatchPlan stream: the current hash at once when the agent's differs, then every new
 * hash, with keep-alives between; ends when the client cancels or its deadline passes.
 */
final class PlanWatch {

  private static final Logger LOG = LoggerFactory.getLogger(PlanWatch.class);

  private final String node;
  private final ServerCallStreamObserver<PlanUpdate> out;
  private String lastSent;
  private boolean closed;
  private Subscription subscription;
  private ScheduledFuture<?> keepAlives;

  private PlanWatch(String node, String knownHash, ServerCallStreamObserver<PlanUpdate> out) {
    this.node = node;
    this.lastSent = knownHash;
    this.out = out;
  }

  static void start(
      String node,
      String knownHash,
      ServerCallStreamObserver<PlanUpdate> out,
      PlanRegistry plans,
      ScheduledExecutorService scheduler,
      Duration keepAlive) {
    PlanWatch watch = new PlanWatch(node, knownHash, out);
    out.setOnCancelHandler(watch::close);
    synchronized (watch) {
      if (watch.closed) {
        return;
      }
      watch.subscription = plans.watch(node, watch::changed);
      long every = Math.max(1, keepAlive.toMillis());
      watch.keepAlives =
          scheduler.scheduleAtFixedRate(watch::keepAlive, every, every, TimeUnit.MILLISECONDS);
    }
    plans.plan(node).ifPresent(watch::changed);
    LOG.info("event=plan_watch_opened node={}", node);
  }

  private synchronized void changed(NodePlan plan) {
    if (closed || Objects.equals(lastSent, plan.getHash())) {
      return;
    }
    lastSent = plan.getHash();
    send(PlanUpdate.newBuilder().setHash(plan.getHash()).setRevision(plan.getRevision()).build());
  }

  private synchronized void keepAlive() {
    if (!closed) {
      send(PlanUpdate.newBuilder().setHash(lastSent).setKeepalive(true).build());
    }
  }

  private void send(PlanUpdate update) {
    try {
      out.onNext(update);
    } catch (RuntimeException e) {
      LOG.info("event=plan_watch_send_failed node={} error=\"{}\"", node, e.getMessage());
      close();
    }
  }

  private synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (keepAlives != null) {
      keepAlives.cancel(false);
    }
    if (subscription != null) {
      subscription.close();
    }
    LOG.info("event=plan_watch_closed node={}", node);
  }
}
