package dev.eden.reconciler.pipeline;

import dev.eden.reconciler.approval.ApprovalGate;
import dev.eden.reconciler.compile.Revision;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one holder of the {@link AcceptedRevision}: the revision pipeline publishes (restored once at
 * start-up, then on every accepted revision or recompile), everything else reads or subscribes.
 */
public final class AcceptedRevisions {

  private static final Logger LOG = LoggerFactory.getLogger(AcceptedRevisions.class);

  private final AtomicReference<AcceptedRevision> current = new AtomicReference<>();
  private final List<Consumer<AcceptedRevision>> subscribers = new CopyOnWriteArrayList<>();

  /** The revision that serves; empty before the first one is accepted. */
  public Optional<AcceptedRevision> current() {
    return Optional.ofNullable(current.get());
  }

  /** The objects and files that serve (as admitted): what Triggers, CronJobs and dispatches run. */
  public Optional<Revision> admitted() {
    return current().map(AcceptedRevision::admitted);
  }

  /** The approval decisions in force; an empty snapshot before any revision. */
  public ApprovalGate.Snapshot approvals() {
    return current().map(AcceptedRevision::approvals).orElse(ApprovalGate.Snapshot.NONE);
  }

  /** Calls {@code subscriber} with every revision published from now on, until closed. */
  public Subscription subscribe(Consumer<AcceptedRevision> subscriber) {
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  /** Only the pipeline's applier publishes. */
  void publish(AcceptedRevision next) {
    current.set(next);
    for (Consumer<AcceptedRevision> s : subscribers) {
      try {
        s.accept(next);
      } catch (RuntimeException e) {
        LOG.error("event=revision_subscriber_failed revision={} error=\"{}\"", next.id(), e, e);
      }
    }
  }
}
