package dev.eden.reconciler.cron;

import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchState;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.Origin;
import dev.eden.reconciler.dispatch.DispatchException;
import dev.eden.reconciler.dispatch.Dispatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Dispatcher} that records what it is asked: each dispatch stays running on one node until
 * the test {@link #finish}es it or the scheduler cancels it. The real one lives on its own branch.
 */
final class RecordingDispatcher implements Dispatcher {

  private final List<Request> requests = new ArrayList<>();
  private final List<String> cancelled = new ArrayList<>();
  private final Map<String, DispatchStatus> running = new LinkedHashMap<>();
  private String failure = "";

  @Override
  public synchronized DispatchStatus dispatch(Request request) {
    if (!failure.isEmpty()) {
      throw new DispatchException(failure);
    }
    requests.add(request);
    DispatchStatus status =
        DispatchStatus.newBuilder()
            .setId("d" + requests.size())
            .setTaskbook(request.taskBook())
            .setOrigin(request.origin())
            .addNodes(
                DispatchNode.newBuilder()
                    .setNode("web-1")
                    .setState(DispatchState.DISPATCH_STATE_PENDING))
            .build();
    running.put(status.getId(), status);
    return status;
  }

  @Override
  public synchronized Optional<DispatchStatus> get(String dispatchId) {
    return Optional.ofNullable(running.get(dispatchId));
  }

  @Override
  public synchronized List<DispatchStatus> running(Origin origin) {
    return running.values().stream().filter(d -> d.getOrigin().equals(origin)).toList();
  }

  @Override
  public synchronized void cancel(String dispatchId, String why) {
    running.remove(dispatchId);
    cancelled.add(dispatchId);
  }

  synchronized void finish(String dispatchId) {
    running.remove(dispatchId);
  }

  synchronized void failWith(String reason) {
    failure = reason;
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  synchronized List<String> scheduledTimes() {
    return requests.stream().map(r -> (String) r.event().get("scheduledTime")).toList();
  }

  synchronized List<String> cancelled() {
    return List.copyOf(cancelled);
  }
}
