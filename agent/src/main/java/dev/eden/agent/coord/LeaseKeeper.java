package dev.eden.agent.coord;

import dev.eden.proto.GrantLeaseRequest;
import dev.eden.proto.LeaseInfo;
import dev.eden.proto.RenewLeaseRequest;
import dev.eden.proto.RevokeLeaseRequest;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds this node's coordination lease: granted on {@link #start()} (or, when the reconciler is not
 * reachable then, by the first renewal or use that reaches it), renewed every third of its ttl on
 * the scheduler, revoked on {@link #close()}. A lease found expired is granted anew (what the old
 * one held is gone).
 */
final class LeaseKeeper implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final CoordinationClient client;
  private final String node;
  private final Duration ttl;
  private final ScheduledExecutorService scheduler;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private volatile String leaseId = "";
  private volatile ScheduledFuture<?> renewal;

  LeaseKeeper(
      CoordinationClient client, String node, Duration ttl, ScheduledExecutorService scheduler) {
    this.client = client;
    this.node = node;
    this.ttl = ttl;
    this.scheduler = scheduler;
  }

  void start() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("lease keeper is " + state.get());
    }
    try {
      replace("");
    } catch (CoordinationFailure f) {
      log.warn("event=lease_grant_failed node={} reason={}", node, f.getMessage());
    }
    long period = Math.max(100, ttl.toMillis() / 3);
    renewal = scheduler.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
  }

  State state() {
    return state.get();
  }

  /** The current lease, granted now if there is none yet. */
  String leaseId() throws CoordinationFailure {
    if (state.get() != State.RUNNING) {
      throw new IllegalStateException("lease keeper is " + state.get());
    }
    String current = leaseId;
    return current.isEmpty() ? replace("") : current;
  }

  /** Grants a new lease if {@code lost} is still the current one; returns the current one. */
  synchronized String replace(String lost) throws CoordinationFailure {
    if (lost.equals(leaseId) && state.get() == State.RUNNING) {
      if (!lost.isEmpty()) {
        log.warn("event=lease_lost node={} lease={}", node, lost);
      }
      grant();
    }
    return leaseId;
  }

  private synchronized void grant() throws CoordinationFailure {
    GrantLeaseRequest req =
        GrantLeaseRequest.newBuilder().setNode(node).setTtlMs(ttl.toMillis()).build();
    LeaseInfo lease = client.call("grant lease", stub -> stub.grantLease(req));
    leaseId = lease.getLeaseId();
  }

  private void renew() {
    String current = leaseId;
    if (current.isEmpty()) {
      try {
        replace(current);
      } catch (CoordinationFailure f) {
        log.warn("event=lease_grant_failed node={} reason={}", node, f.getMessage());
      }
      return;
    }
    try {
      client.call(
          "renew lease",
          stub -> stub.renewLease(RenewLeaseRequest.newBuilder().setLeaseId(current).build()));
    } catch (CoordinationFailure f) {
      if (f.reason() == CoordinationFailure.Reason.LEASE_LOST) {
        try {
          replace(current);
        } catch (CoordinationFailure again) {
          log.warn("event=lease_grant_failed node={} reason={}", node, again.getMessage());
        }
      } else {
        log.warn("event=lease_renew_failed node={} reason={}", node, f.getMessage());
      }
    }
  }

  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) != State.RUNNING) {
      return;
    }
    ScheduledFuture<?> r = renewal;
    if (r != null) {
      r.cancel(false);
    }
    if (leaseId.isEmpty()) {
      return;
    }
    try {
      client.call(
          "revoke lease",
          stub -> stub.revokeLease(RevokeLeaseRequest.newBuilder().setLeaseId(leaseId).build()));
    } catch (CoordinationFailure f) {
      log.warn("event=lease_revoke_failed node={} reason={}", node, f.getMessage());
    }
  }

  /** A call made under a lease. */
  interface LeasedCall<T> {
    T call(String leaseId) throws CoordinationFailure;
  }

  /** Makes {@code call} under the current lease, once more under a new one if it had expired. */
  <T> T withLease(LeasedCall<T> call) throws CoordinationFailure {
    String id = leaseId();
    try {
      return call.call(id);
    } catch (CoordinationFailure f) {
      if (f.reason() != CoordinationFailure.Reason.LEASE_LOST) {
        throw f;
      }
      return call.call(replace(id));
    }
  }
}
