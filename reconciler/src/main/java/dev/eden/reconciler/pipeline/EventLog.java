package dev.eden.reconciler.pipeline;

import com.google.protobuf.Timestamp;
import dev.eden.common.Reason;
import dev.eden.common.proto.ProtoTime;
import dev.eden.proto.Event;
import dev.eden.proto.ObjectRef;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stores events (folding repeats) and tells live watchers about each stored one. */
public final class EventLog {

  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

  private final Store store;
  private final Clock clock;
  private final List<Consumer<Event>> watchers = new CopyOnWriteArrayList<>();

  /** The highest seq stored so far: a record that returns no higher one stored nothing new. */
  private long lastSeq = -1;

  public EventLog(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A new event created by the reconciler itself. */
  public Event emit(
      Event.Type type, Reason reason, ObjectRef object, String node, String revision, String msg) {
    Timestamp now = timestamp(clock.instant());
    Event event =
        Event.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setType(type)
            .setReason(reason.text())
            .setObject(object)
            .setNode(node)
            .setRevision(revision)
            .setMessage(msg)
            .setFirstTime(now)
            .setLastTime(now)
            .setCount(1)
            .build();
    return record(event);
  }

  /**
   * Stores an event from anyone (agents report theirs with their own ids). One at a time, so that
   * watchers see events in seq order: a watcher that skips what it has seen (seq at most the last
   * one) would otherwise lose an event stored by a slower thread.
   */
  public synchronized Event record(Event event) {
    if (lastSeq < 0) {
      lastSeq =
          store.listEvents(new EventQuery("", "", "", 0, 1)).stream()
              .mapToLong(Event::getSeq)
              .max()
              .orElse(0);
    }
    Event stored = store.recordEvent(withTimes(event));
    if (stored.getSeq() <= lastSeq) {
      // an id stored before (a resend): nothing new to tell
      return stored;
    }
    lastSeq = stored.getSeq();
    LOG.info(
        "event={} type={} node={} object={}/{} seq={} count={}",
        stored.getReason(),
        stored.getType(),
        stored.getNode(),
        stored.getObject().getKind(),
        stored.getObject().getName(),
        stored.getSeq(),
        stored.getCount());
    watchers.forEach(w -> w.accept(stored));
    return stored;
  }

  private Event withTimes(Event event) {
    Event.Builder b = event.toBuilder();
    if (!event.hasLastTime()) {
      b.setLastTime(event.hasFirstTime() ? event.getFirstTime() : timestamp(clock.instant()));
    }
    if (!event.hasFirstTime()) {
      b.setFirstTime(b.getLastTime());
    }
    if (event.getId().isEmpty()) {
      b.setId(UUID.randomUUID().toString());
    }
    return b.build();
  }

  public List<Event> list(EventQuery query) {
    return store.listEvents(query);
  }

  /**
   * Calls {@code watcher} for every event stored from now on, in seq order, until the handle is
   * closed. It is called on the thread that stored the event, under the log's lock: hand slow work
   * to another thread.
   */
  public Subscription watch(Consumer<Event> watcher) {
    watchers.add(watcher);
    return () -> watchers.remove(watcher);
  }

  public static ObjectRef object(String kind, String name) {
    return ObjectRef.newBuilder().setKind(kind).setName(name).build();
  }

  public static Timestamp timestamp(Instant t) {
    return ProtoTime.of(t);
  }
}
