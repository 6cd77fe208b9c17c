package dev.eden.reconciler.dispatch;

import dev.eden.proto.DispatchStatus;
import dev.eden.proto.Origin;
import dev.eden.schema.select.LabelSelector;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a TaskBook now, on some of its nodes: what {@code eden run}, a Trigger and a CronJob share.
 * A dispatch compiles the TaskBook for each node (templates see {@code event.*} when the request
 * carries an event context), adds it to the node's plan as a {@code DispatchedRun}, and is finished
 * on a node when the agent reports the run with the dispatch id.
 */
public interface Dispatcher {

  /**
   * What to run and where.
   *
   * @param taskBook {@code namespace/name}
   * @param selector narrows the TaskBook's own targets; empty = all of them
   * @param nodes when not empty, exactly these nodes (each must be a target of the TaskBook)
   * @param origin who asked (see {@link Origins})
   * @param event what templates and conditions see as {@code event.*}; empty for none
   */
  record Request(
      String taskBook,
      Optional<LabelSelector> selector,
      Set<String> nodes,
      Origin origin,
      Map<String, Object> event) {
    public Request {
      Objects.requireNonNull(taskBook, "taskBook");
      Objects.requireNonNull(origin, "origin");
      nodes = Set.copyOf(nodes);
      event = Map.copyOf(event);
    }
  }

  /**
   * Starts a dispatch. Never blocks on agents.
   *
   * @return the new dispatch, every node {@code Pending}
   * @throws DispatchException the TaskBook does not exist, is suspended, targets no node, or fails
   *     to compile for a node (the message names it)
   */
  DispatchStatus dispatch(Request request);

  /** A dispatch by id. */
  Optional<DispatchStatus> get(String dispatchId);

  /** Dispatches from {@code origin} with a node still {@code Pending}, oldest first. */
  List<DispatchStatus> running(Origin origin);

  /** Marks every node still {@code Pending} as {@code Cancelled} and drops it from the plans. */
  void cancel(String dispatchId, String why);
}
