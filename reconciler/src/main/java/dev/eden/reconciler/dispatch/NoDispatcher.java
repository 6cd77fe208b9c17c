package dev.eden.reconciler.dispatch;

import dev.eden.proto.DispatchStatus;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Dispatcher} of a reconciler that has none wired: nothing runs, every dispatch fails
 * with a reason a person reads (a CronJob turns it into a {@code CronJobFailed} event).
 */
public final class NoDispatcher implements Dispatcher {

  @Override
  public DispatchStatus dispatch(Request request) {
    throw new DispatchException(
        "cannot run " + request.taskBook() + ": this reconciler has no dispatcher");
  }

  @Override
  public Optional<DispatchStatus> get(String dispatchId) {
    return Optional.empty();
  }

  @Override
  public List<DispatchStatus> running(String origin) {
    return List.of();
  }

  @Override
  public void cancel(String dispatchId, String why) {}
}
