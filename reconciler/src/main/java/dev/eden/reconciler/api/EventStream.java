package dev.eden.reconciler.api;

import dev.eden.proto.Event;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.pipeline.Subscription;
import dev.eden.reconciler.store.EventQuery;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open WatchEvents stream: every stored event with seq &gt; after_seq that passes the filters,
 * then each new one that does. Live events that arrive during the replay are held back and sent
 * after it, in seq order, once.
 */
final class EventStream {

  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final int PAGE = 500;

  private final EventQuery filter;
  private final ServerCallStreamObserver<Event> out;
  private final List<Event> heldBack = new ArrayList<>();
  private long lastSent;
  private boolean replaying = true;
  private boolean closed;
  private Subscription subscription;

  private EventStream(EventQuery filter, ServerCallStreamObserver<Event> out) {
    this.filter = filter;
    this.lastSent = filter.afterSeq();
    this.out = out;
  }

  /**
   * Starts streaming on the caller's thread (the replay), then on the threads that store events.
   *
   * @param filter node and object filters, and the seq to start after (its limit is ignored)
   */
  static void start(EventQuery filter, ServerCallStreamObserver<Event> out, EventLog log) {
    EventStream stream = new EventStream(filter, out);
    out.setOnCancelHandler(stream::close);
    synchronized (stream) {
      if (stream.closed) {
        return;
      }
      stream.subscription = log.watch(stream::live);
    }
    stream.replay(log);
  }

  private void replay(EventLog log) {
    while (true) {
      long from;
      synchronized (this) {
        if (closed) {
          return;
        }
        from = lastSent;
      }
      List<Event> page = log.list(filter.from(from, PAGE));
      synchronized (this) {
        page.forEach(this::send);
        if (page.size() < PAGE) {
          replaying = false;
          heldBack.sort((a, b) -> Long.compare(a.getSeq(), b.getSeq()));
          heldBack.forEach(this::send);
          heldBack.clear();
          return;
        }
      }
    }
  }

  private synchronized void live(Event event) {
    if (closed || !filter.matches(event)) {
      return;
    }
    if (replaying) {
      heldBack.add(event);
    } else {
      send(event);
    }
  }

  private void send(Event event) {
    if (closed || event.getSeq() <= lastSent) {
      return;
    }
    try {
      out.onNext(event);
      lastSent = event.getSeq();
    } catch (RuntimeException e) {
      LOG.info("event=event_watch_send_failed error=\"{}\"", e.getMessage());
      close();
    }
  }

  private synchronized void close() {
    if (!closed) {
      closed = true;
      if (subscription != null) {
        subscription.close();
      }
    }
  }
}
