package dev.eden.agent;

import dev.eden.agent.plan.PlanClient;
import dev.eden.proto.PlanUpdate;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open WatchPlan stream. Updates and the stream's end are handed to the agent's loop thread, so
 * the loop alone decides what to do; keep-alives are dropped here.
 */
final class PlanWatcher {
  private static final Logger log = LoggerFactory.getLogger(PlanWatcher.class);
  private final PlanClient client;
  private final String node;
  private final ScheduledExecutorService loop;
  private final Consumer<String> onHash;
  private final Consumer<String> onLost;
  private PlanClient.Watch stream;
  private int generation;

  PlanWatcher(
      PlanClient client,
      String node,
      ScheduledExecutorService loop,
      Consumer<String> onHash,
      Consumer<String> onLost) {
    this.client = client;
    this.node = node;
    this.loop = loop;
    this.onHash = onHash;
    this.onLost = onLost;
  }

  /** Opens a new stream (closing any old one). Called on the loop thread. */
  void open(String knownHash) {
    close();
    int mine = ++generation;
    stream = client.watch(node, knownHash, new Observer(mine));
  }

  /** Closes the stream; its end is not reported. Called on the loop thread. */
  void close() {
    generation++;
    if (stream != null) {
      stream.close();
      stream = null;
    }
  }

  private void submit(int gen, Runnable r) {
    try {
      loop.execute(
          () -> {
            if (gen == generation) {
              r.run();
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("event=watch-update-dropped node={} reason=agent-closed", node);
    }
  }

  private final class Observer implements StreamObserver<PlanUpdate> {
    private final int gen;

    Observer(int gen) {
      this.gen = gen;
    }

    @Override
    public void onNext(PlanUpdate u) {
      if (!u.getKeepalive()) {
        submit(gen, () -> onHash.accept(u.getHash()));
      }
    }

    @Override
    public void onError(Throwable t) {
      Status s = Status.fromThrowable(t);
      submit(gen, () -> onLost.accept("watch ended: " + s.getCode()));
    }

    @Override
    public void onCompleted() {
      submit(gen, () -> onLost.accept("watch completed by the reconciler"));
    }
  }
}
