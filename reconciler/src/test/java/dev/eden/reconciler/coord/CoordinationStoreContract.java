package dev.eden.reconciler.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eden.testkit.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CoordinationStore} must do. An implementation's test extends this class and
 * says how to make a fresh, empty store on a given clock.
 */
public abstract class CoordinationStoreContract {

  protected static final Duration TTL = Duration.ofSeconds(10);
  protected static final StepKey KEY = new StepKey("ops/web", "ops/web/restart", "main@sha1:aa#1");

  protected FakeClock clock;
  protected CoordinationStore store;

  /** A new, empty store whose time is {@code clock}. */
  protected abstract CoordinationStore newStore(FakeClock clock);

  @BeforeEach
  void openStore() {
    clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    store = newStore(clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void semaphoreGrantsAtMostCountPermits() {
    List<Lease> leases = grantAll("n1", "n2", "n3");
    assertThat(store.acquire(KEY, "n1", 2, leases.get(0).id())).isTrue();
    assertThat(store.acquire(KEY, "n2", 2, leases.get(1).id())).isTrue();
    assertThat(store.acquire(KEY, "n3", 2, leases.get(2).id())).isFalse();
    assertThat(store.permitHolders(KEY)).containsExactly("n1", "n2");

    store.release(KEY, "n1");
    assertThat(store.acquire(KEY, "n3", 2, leases.get(2).id())).isTrue();
    assertThat(store.permitHolders(KEY)).containsExactly("n2", "n3");
  }

  @Test
  void acquiringTwiceKeepsOnePermit() {
    Lease lease = store.grant("n1", TTL);
    assertThat(store.acquire(KEY, "n1", 1, lease.id())).isTrue();
    assertThat(store.acquire(KEY, "n1", 1, lease.id())).isTrue();
    assertThat(store.permitHolders(KEY)).containsExactly("n1");
  }

  @Test
  void semaphoreCountIsNeverExceededUnderContention() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String node = "n" + i;
        Lease lease = store.grant(node, TTL);
        runs.add(pool.submit(() -> enterRepeatedly(node, lease, inside, most)));
      }
      for (Future<Integer> run : runs) {
        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(20);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(most.get()).isBetween(1, 2);
  }

  private int enterRepeatedly(String node, Lease lease, AtomicInteger inside, AtomicInteger most) {
    int entered = 0;
    while (entered < 20) {
      if (store.acquire(KEY, node, 2, lease.id())) {
        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
        inside.decrementAndGet();
        store.release(KEY, node);
        entered++;
      } else {
        Thread.onSpinWait();
      }
    }
    return entered;
  }

  @Test
  void expiredLeaseReleasesItsPermits() {
    Lease dead = store.grant("n1", TTL);
    Lease alive = store.grant("n2", Duration.ofMinutes(5));
    assertThat(store.acquire(KEY, "n1", 1, dead.id())).isTrue();
    assertThat(store.acquire(KEY, "n2", 1, alive.id())).isFalse();

    clock.advance(TTL.plusMillis(1));

    assertThat(store.acquire(KEY, "n2", 1, alive.id())).isTrue();
    assertThat(store.liveHolders()).containsExactly("n2");
    assertThatThrownBy(() -> store.renew(dead.id())).isInstanceOf(LeaseNotFoundException.class);
    assertThatThrownBy(() -> store.acquire(KEY, "n1", 1, dead.id()))
        .isInstanceOf(LeaseNotFoundException.class);
  }

  @Test
  void renewedLeaseKeepsItsPermits() {
    Lease lease = store.grant("n1", TTL);
    store.acquire(KEY, "n1", 1, lease.id());
    clock.advance(Duration.ofSeconds(6));
    Lease renewed = store.renew(lease.id());
    clock.advance(Duration.ofSeconds(6));

    assertThat(renewed.expiresAt()).isEqualTo(clock.instant().plusSeconds(4));
    assertThat(store.permitHolders(KEY)).containsExactly("n1");
  }

  @Test
  void revokedLeaseReleasesEverything() {
    Lease lease = store.grant("n1", TTL);
    store.acquire(KEY, "n1", 1, lease.id());
    store.arrive(KEY, "n1", lease.id());
    store.claim(KEY, List.of("n1"), 1, "n1", lease.id());

    store.revoke(lease.id());

    assertThat(store.permitHolders(KEY)).isEmpty();
    assertThat(store.arrived(KEY)).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void anotherRunNeverSharesPermits() {
    Lease a = store.grant("n1", TTL);
    Lease b = store.grant("n2", TTL);
    StepKey nextRun = new StepKey(KEY.taskbook(), KEY.stepId(), "main@sha1:bb#1");
    assertThat(store.acquire(KEY, "n1", 1, a.id())).isTrue();
    assertThat(store.acquire(nextRun, "n2", 1, b.id())).isTrue();
    assertThat(store.permitHolders(nextRun)).containsExactly("n2");
  }

  @Test
  void barrierRecordsArrivalsUntilTheirLeaseExpires() {
    Lease a = store.grant("n1", TTL);
    Lease b = store.grant("n2", Duration.ofMinutes(1));
    store.arrive(KEY, "n1", a.id());
    store.arrive(KEY, "n2", b.id());
    store.arrive(KEY, "n2", b.id());
    assertThat(store.arrived(KEY)).containsExactly("n1", "n2");

    clock.advance(TTL);

    assertThat(store.arrived(KEY)).containsExactly("n2");
  }

  @Test
  void claimChoosesTheFirstCandidatesInOrder() {
    List<Lease> leases = grantAll("n1", "n2", "n3");
    List<String> candidates = List.of("n1", "n2", "n3");

    assertThat(store.claim(KEY, candidates, 1, "n3", leases.get(2).id()))
        .isEqualTo(new Claim(false, List.of()));
    assertThat(store.claim(KEY, candidates, 1, "n1", leases.get(0).id()))
        .isEqualTo(new Claim(true, List.of("n1")));
    assertThat(store.claim(KEY, candidates, 1, "n2", leases.get(1).id()))
        .isEqualTo(new Claim(false, List.of("n1")));
    assertThat(store.claim(KEY, candidates, 2, "n2", leases.get(1).id()))
        .isEqualTo(new Claim(true, List.of("n1", "n2")));
  }

  @Test
  void declinedCandidateIsPassedOver() {
    List<Lease> leases = grantAll("n1", "n2");
    store.decline(KEY, "n1", leases.get(0).id());

    assertThat(store.claim(KEY, List.of("n1", "n2"), 1, "n2", leases.get(1).id()))
        .isEqualTo(new Claim(true, List.of("n2")));
  }

  @Test
  void anotherCandidateTakesOverWhenTheChosenLeaseExpires() {
    Lease chosen = store.grant("n1", TTL);
    Lease next = store.grant("n2", Duration.ofMinutes(1));
    assertThat(store.claim(KEY, List.of("n1", "n2"), 1, "n1", chosen.id()).chosen()).isTrue();
    assertThat(store.claim(KEY, List.of("n1", "n2"), 1, "n2", next.id()).chosen()).isFalse();

    clock.advance(TTL);

    assertThat(store.claim(KEY, List.of("n2"), 1, "n2", next.id()))
        .isEqualTo(new Claim(true, List.of("n2")));
  }

  @Test
  void recordedResultOutlivesTheRunnersLease() {
    Lease runner = store.grant("n1", TTL);
    Lease other = store.grant("n2", Duration.ofMinutes(1));
    store.claim(KEY, List.of("n1", "n2"), 1, "n1", runner.id());
    store.recordResult(KEY, "n1", "done".getBytes(StandardCharsets.UTF_8));
    store.revoke(runner.id());

    assertThat(store.claim(KEY, List.of("n2"), 1, "n2", other.id()))
        .isEqualTo(new Claim(false, List.of("n1")));
    assertThat(store.results(KEY)).containsOnlyKeys("n1");
    assertThat(new String(store.results(KEY).get("n1"), StandardCharsets.UTF_8)).isEqualTo("done");
  }

  @Test
  void exportsArePublishedReplacedAndRead() {
    Instant at = clock.instant();
    store.publish(new Export("ops", "join-token", "s3cr3t", "role=worker", "n1", at));
    store.publish(new Export("ops", "join-token", "s3cr3t-2", "role=worker", "n1", at));

    Export read = store.read("ops", "join-token").orElseThrow();
    assertThat(read.value()).isEqualTo("s3cr3t-2");
    assertThat(read.visibleTo()).isEqualTo("role=worker");
    assertThat(read.publisher()).isEqualTo("n1");
    assertThat(read.toString()).doesNotContain("s3cr3t");
    assertThat(store.read("ops", "other")).isEmpty();
    assertThat(store.read("dev", "join-token")).isEmpty();
  }

  @Test
  void listShowsEveryHoldingWithItsExpiry() {
    Lease a = store.grant("n1", TTL);
    store.acquire(KEY, "n1", 1, a.id());
    store.arrive(KEY, "n1", a.id());

    assertThat(store.list())
        .containsExactly(
            new Holding(Holding.Kind.BARRIER, KEY, "n1", a.id(), clock.instant(), a.expiresAt()),
            new Holding(Holding.Kind.PERMIT, KEY, "n1", a.id(), clock.instant(), a.expiresAt()));
  }

  private List<Lease> grantAll(String... holders) {
    List<Lease> leases = new ArrayList<>();
    for (String holder : holders) {
      leases.add(store.grant(holder, TTL));
    }
    return leases;
  }
}
