package dev.eden.reconciler.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchState;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.Origin;
import dev.eden.reconciler.dispatch.DispatchException;
import dev.eden.reconciler.dispatch.Dispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Dispatcher} that remembers each request and answers with a new dispatch id ({@code d-1},
 * {@code d-2}, …), every named node {@code Pending}; or fails every request with a set message.
 */
public final class RecordingDispatcher implements Dispatcher {

  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final List<Request> all = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicReference<String> failure = new AtomicReference<>();

  /** From now on every dispatch throws {@link DispatchException} with this message. */
  public void failWith(String message) {
    failure.set(message);
  }

  @Override
  public synchronized DispatchStatus dispatch(Request request) {
    all.add(request);
    requests.add(request);
    String why = failure.get();
    if (why != null) {
      throw new DispatchException(why);
    }
    DispatchStatus.Builder status =
        DispatchStatus.newBuilder()
            .setId("d-" + ids.incrementAndGet())
            .setTaskbook(request.taskBook())
            .setOrigin(request.origin());
    new TreeSet<>(request.nodes())
        .forEach(
            n ->
                status.addNodes(
                    DispatchNode.newBuilder()
                        .setNode(n)
                        .setState(DispatchState.DISPATCH_STATE_PENDING)));
    return status.build();
  }

  /** The next request, waiting for it up to {@code timeout}; fails the test when none comes. */
  public Request next(Duration timeout) {
    try {
      Request r = requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(r).as("a dispatch within " + timeout).isNotNull();
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every request so far, oldest first. */
  public synchronized List<Request> all() {
    return List.copyOf(all);
  }

  @Override
  public Optional<DispatchStatus> get(String dispatchId) {
    return Optional.empty();
  }

  @Override
  public List<DispatchStatus> running(Origin origin) {
    return List.of();
  }

  @Override
  public void cancel(String dispatchId, String why) {}
}
