package dev.eden.reconciler.api;

import dev.eden.reconciler.dispatch.TaskBookDispatcher;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.pipeline.Metrics;
import dev.eden.reconciler.pipeline.NodeStatuses;
import dev.eden.reconciler.pipeline.PlanRegistry;
import dev.eden.reconciler.pipeline.RevisionPipeline;
import dev.eden.reconciler.store.Store;
import java.time.Clock;
import java.time.Duration;

/**
 * What the gRPC services work on.
 *
 * @param keepAlive how often open watch streams get a keep-alive
 * @param heartbeat how often agents are asked to show they are alive
 * @param dispatches TaskBook runs asked for now, finished by the agents' reports
 */
public record Backend(
    Store store,
    PlanRegistry plans,
    RevisionPipeline pipeline,
    EventLog events,
    Metrics metrics,
    Clock clock,
    Duration keepAlive,
    Duration heartbeat,
    TaskBookDispatcher dispatches) {

  NodeStatuses statuses() {
    return new NodeStatuses(store, plans);
  }
}
