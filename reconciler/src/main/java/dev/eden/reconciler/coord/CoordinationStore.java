package dev.eden.reconciler.coord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Leases, semaphores, barriers, run-once claims and exports, in the spirit of Apache Curator. The
 * SQLite store implements it now and an etcd store later; both pass {@code
 * CoordinationStoreContract}.
 *
 * <p>Permits, barrier arrivals and claims are held under a {@link Lease}: when it expires (its
 * holder stopped renewing it) or is revoked, everything it held is released. Every method that
 * takes a lease id throws {@link LeaseNotFoundException} when that lease is gone. Calls never
 * block; waiting is the caller's business. Any method may throw {@link CoordinationStoreException}.
 */
public interface CoordinationStore extends AutoCloseable {

  /** A new lease for {@code holder}, valid for {@code ttl} from now. */
  Lease grant(String holder, Duration ttl);

  /** Extends the lease by its ttl from now. */
  Lease renew(String leaseId);

  /** Who holds the unexpired lease {@code leaseId}; empty when there is no such lease. */
  Optional<String> holderOf(String leaseId);

  /** Ends the lease and releases what it held; unknown leases are ignored. */
  void revoke(String leaseId);

  /** The holders of every unexpired lease (the nodes alive as far as this store knows). */
  Set<String> liveHolders();

  /**
   * Takes one of {@code count} permits for {@code key}, or returns false when all are held. A
   * holder that already has a permit keeps it and gets true.
   */
  boolean acquire(StepKey key, String holder, int count, String leaseId);

  /** Gives the permit back; a holder without one is ignored. */
  void release(StepKey key, String holder);

  /** Who holds permits for {@code key}, sorted. */
  List<String> permitHolders(StepKey key);

  /** Records that {@code holder} reached the barrier. */
  void arrive(StepKey key, String holder, String leaseId);

  /** Who has reached the barrier, sorted. */
  Set<String> arrived(StepKey key);

  /**
   * Claims the right to run a step that at most {@code limit} nodes run. Runners are the nodes that
   * hold a live claim or have recorded a result; while there are fewer than {@code limit}, the
   * first candidates in the given order that are not runners yet are chosen, so the choice is
   * deterministic. Pass only the candidates that are alive: a chosen node whose lease expired loses
   * its claim and the next candidate takes over.
   */
  Claim claim(StepKey key, List<String> candidates, int limit, String holder, String leaseId);

  /**
   * Records that {@code holder} skips the step: {@link #claim} passes over it, so the nodes after
   * it in candidate order do not wait for a node that will never run the step.
   */
  void decline(StepKey key, String holder, String leaseId);

  /** Records a runner's result (opaque bytes); the nodes that did not run adopt it. */
  void recordResult(StepKey key, String holder, byte[] result);

  /** Every recorded result for {@code key} by holder, in holder order. */
  Map<String, byte[]> results(StepKey key);

  /** Publishes (or replaces) an export. */
  void publish(Export export);

  /** The export, whoever may read it: visibility is checked by the caller. */
  Optional<Export> read(String namespace, String name);

  /**
   * Writes membership records in one transaction: under {@code m.revision()}, the records of {@code
   * m.nodes()} (of every node of that revision when {@code m.wholeRevision()}) are replaced by
   * {@code m.records()}; records of dispatched runs are added (a dispatch's steps never change).
   * Records of other revisions are untouched, so a revision's records can be written before it
   * serves.
   */
  void recordMembers(Memberships m);

  /**
   * Drops the membership records of every revision not in {@code revisions} and of every dispatch
   * not in {@code dispatches}.
   */
  void pruneMembers(Set<String> revisions, Set<String> dispatches);

  /** Who takes part in the step {@code key}; empty when no plan of it has the step. */
  Optional<StepMembership> membership(MemberKey key);

  /** Everything held under live leases, for {@code eden get locks}. */
  List<Holding> list();

  /** Closes the store; further calls fail. */
  @Override
  void close();
}
