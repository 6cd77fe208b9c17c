package dev.eden.reconciler.api;

import dev.eden.reconciler.events.NodePresence;
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
 * @param presence told whenever a node calls (a lost node is back)
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
    NodePresence presence) {

  NodeStatuses statuses() {
    return new NodeStatuses(store, plans);
  }
}
