package dev.eden.agent.state;

import dev.eden.proto.ReportEventsRequest;
import dev.eden.proto.RunReport;

/** Something the reconciler has not acknowledged yet: a run report or a batch of events. */
public sealed interface OutboxEntry {
  long seq();

  record Run(long seq, RunReport report) implements OutboxEntry {}

  record Events(long seq, ReportEventsRequest events) implements OutboxEntry {}
}
