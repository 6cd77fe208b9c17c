package dev.eden.reconciler.dispatch;

import dev.eden.proto.DispatchStatus;
import dev.eden.reconciler.coord.NodeLabels;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.pipeline.PlanRegistry;
import dev.eden.reconciler.pipeline.RevisionCompiler;
import dev.eden.reconciler.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Builds the reconciler's {@link Dispatcher} from the parts {@code Reconciler.start} made. */
@FunctionalInterface
public interface DispatcherFactory {

  Dispatcher create(Parts parts);

  /** What a Dispatcher may need; every part is already started. */
  record Parts(
      Store store,
      PlanRegistry plans,
      EventLog events,
      RevisionCompiler compiler,
      NodeLabels labels,
      Clock clock) {}

  /**
   * A reconciler that cannot start runs: every dispatch fails with a message that says so (a
   * Trigger turns it into a {@code TriggerFailed} event). Stands in until a real Dispatcher is
   * wired into {@code Reconciler.start}.
   */
  static DispatcherFactory unavailable() {
    return parts ->
        new Dispatcher() {
          @Override
          public DispatchStatus dispatch(Request request) {
            throw new DispatchException(
                "cannot run TaskBook "
                    + request.taskBook()
                    + ": this reconciler has no dispatcher for TaskBook runs");
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
        };
  }
}
