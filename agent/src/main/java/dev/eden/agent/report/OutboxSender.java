package dev.eden.agent.report;

import dev.eden.agent.plan.PlanClient;
import dev.eden.agent.state.LocalState;
import dev.eden.agent.state.OutboxEntry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox, oldest first, deleting each entry once the reconciler has it. Both calls are
 * idempotent (by run id and event id), so an entry sent twice after a crash is stored once.
 */
public final class OutboxSender {
  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
  private static final int BATCH = 50;
  private final LocalState state;
  private final PlanClient client;

  public OutboxSender(LocalState state, PlanClient client) {
    this.state = state;
    this.client = client;
  }

  /**
   * Sends until the outbox is empty; returns how many entries went out.
   *
   * @throws io.grpc.StatusRuntimeException when the reconciler cannot take them (the rest stay)
   */
  public int flush() {
    int sent = 0;
    List<OutboxEntry> batch;
    while (!(batch = state.outbox(BATCH)).isEmpty()) {
      for (OutboxEntry e : batch) {
        if (e instanceof OutboxEntry.Run r) {
          boolean duplicate = client.report(r.report());
          log.debug("event=run-reported run={} duplicate={}", r.report().getRunNumber(), duplicate);
        } else if (e instanceof OutboxEntry.Events ev) {
          client.reportEvents(ev.events());
        }
        state.ack(e.seq());
        sent++;
      }
    }
    if (sent > 0) {
      log.info("event=outbox-flushed sent={}", sent);
    }
    return sent;
  }
}
