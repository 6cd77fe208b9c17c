package dev.eden.reconciler.coord;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.eden.common.proto.ProtoTime;
import dev.eden.proto.AcquirePermitRequest;
import dev.eden.proto.AcquirePermitResponse;
import dev.eden.proto.ArriveBarrierRequest;
import dev.eden.proto.AwaitBarrierRequest;
import dev.eden.proto.BarrierState;
import dev.eden.proto.ClaimTargetRequest;
import dev.eden.proto.ClaimTargetResponse;
import dev.eden.proto.CoordScope;
import dev.eden.proto.CoordinationServiceGrpc;
import dev.eden.proto.GetTargetResultRequest;
import dev.eden.proto.GetTargetResultResponse;
import dev.eden.proto.GrantLeaseRequest;
import dev.eden.proto.LeaseInfo;
import dev.eden.proto.ListLocksRequest;
import dev.eden.proto.ListLocksResponse;
import dev.eden.proto.LockHolding;
import dev.eden.proto.PublishExportRequest;
import dev.eden.proto.PublishExportResponse;
import dev.eden.proto.ReadExportRequest;
import dev.eden.proto.ReadExportResponse;
import dev.eden.proto.RecordTargetResultRequest;
import dev.eden.proto.RecordTargetResultResponse;
import dev.eden.proto.ReleasePermitRequest;
import dev.eden.proto.ReleasePermitResponse;
import dev.eden.proto.RenewLeaseRequest;
import dev.eden.proto.RevokeLeaseRequest;
import dev.eden.proto.RevokeLeaseResponse;
import dev.eden.proto.TargetResult;
import dev.eden.reconciler.trust.Authorizer;
import dev.eden.reconciler.trust.Role;
import dev.eden.schema.select.LabelSelector;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code CoordinationService} over a {@link CoordinationStore}. Values are never logged. */
final class CoordinationServiceImpl extends CoordinationServiceGrpc.CoordinationServiceImplBase {

  private static final Logger log = LoggerFactory.getLogger(CoordinationServiceImpl.class);

  private final CoordinationStore store;
  private final NodeLiveness liveness;
  private final NodeLabels labels;
  private final Clock clock;
  private final CoordinationApi.Settings settings;
  private final Authorizer authorizer;
  private final MemberCheck members;
  private final ChangeSignal signal = new ChangeSignal();

  CoordinationServiceImpl(
      CoordinationStore store,
      NodeLiveness liveness,
      NodeLabels labels,
      Clock clock,
      CoordinationApi.Settings settings,
      Authorizer authorizer) {
    this.authorizer = authorizer;
    this.store = store;
    this.liveness = liveness;
    this.labels = labels;
    this.clock = clock;
    this.settings = settings;
    this.members = new MemberCheck(store, authorizer);
  }

  @Override
  public void grantLease(GrantLeaseRequest req, StreamObserver<LeaseInfo> out) {
    CoordinationErrors.reply(
        "GrantLease",
        out,
        () -> {
          Duration ttl =
              req.getTtlMs() <= 0 ? settings.defaultTtl() : Duration.ofMillis(req.getTtlMs());
          Lease lease = store.grant(node(req.getNode()), min(ttl, settings.maxTtl()));
          signal.bump();
          log.info(
              "event=lease_granted node={} lease={} ttl_ms={}",
              lease.holder(),
              lease.id(),
              ttl.toMillis());
          return leaseInfo(lease);
        });
  }

  @Override
  public void renewLease(RenewLeaseRequest req, StreamObserver<LeaseInfo> out) {
    CoordinationErrors.reply(
        "RenewLease", out, () -> leaseInfo(store.renew(ownLease(req.getLeaseId()))));
  }

  @Override
  public void revokeLease(RevokeLeaseRequest req, StreamObserver<RevokeLeaseResponse> out) {
    CoordinationErrors.reply(
        "RevokeLease",
        out,
        () -> {
          store.revoke(ownLease(req.getLeaseId()));
          signal.bump();
          return RevokeLeaseResponse.getDefaultInstance();
        });
  }

  @Override
  public void acquirePermit(AcquirePermitRequest req, StreamObserver<AcquirePermitResponse> out) {
    CoordinationErrors.reply(
        "AcquirePermit",
        out,
        () -> {
          StepKey key = key(req.getScope());
          String node = node(req.getNode());
          String lease = ownLease(req.getLeaseId());
          int count =
              members
                  .member(req.getScope(), node, "serialize.count", r -> r.serializeCount() > 0)
                  .rule()
                  .serializeCount();
          boolean acquired =
              poll(req.getWaitMs(), () -> store.acquire(key, node, count, lease), ok -> ok);
          if (acquired) {
            log.info("event=permit_acquired step={} node={}", key, node);
          }
          return AcquirePermitResponse.newBuilder()
              .setAcquired(acquired)
              .addAllHolders(store.permitHolders(key))
              .build();
        });
  }

  @Override
  public void releasePermit(ReleasePermitRequest req, StreamObserver<ReleasePermitResponse> out) {
    CoordinationErrors.reply(
        "ReleasePermit",
        out,
        () -> {
          StepKey key = key(req.getScope());
          store.release(key, node(req.getNode()));
          signal.bump();
          log.info("event=permit_released step={} node={}", key, req.getNode());
          return ReleasePermitResponse.getDefaultInstance();
        });
  }

  @Override
  public void arriveBarrier(ArriveBarrierRequest req, StreamObserver<BarrierState> out) {
    CoordinationErrors.reply(
        "ArriveBarrier",
        out,
        () -> {
          StepKey key = key(req.getScope());
          String node = node(req.getNode());
          members.member(req.getScope(), node, "sync", StepRule::sync);
          store.arrive(key, node, ownLease(req.getLeaseId()));
          signal.bump();
          return barrier(key, req.getScope(), node);
        });
  }

  @Override
  public void awaitBarrier(AwaitBarrierRequest req, StreamObserver<BarrierState> out) {
    CoordinationErrors.reply(
        "AwaitBarrier",
        out,
        () -> {
          StepKey key = key(req.getScope());
          String node = node(req.getNode());
          members.member(req.getScope(), node, "sync", StepRule::sync);
          return poll(
              req.getWaitMs(), () -> barrier(key, req.getScope(), node), BarrierState::getPassed);
        });
  }

  @Override
  public void claimTarget(ClaimTargetRequest req, StreamObserver<ClaimTargetResponse> out) {
    CoordinationErrors.reply(
        "ClaimTarget",
        out,
        () -> {
          StepKey key = key(req.getScope());
          String node = node(req.getNode());
          StepMembership m =
              members.member(req.getScope(), node, "target.limit", r -> r.targetLimit() > 0);
          if (req.getDecline()) {
            store.decline(key, node, ownLease(req.getLeaseId()));
            signal.bump();
            log.info("event=target_declined step={} node={}", key, node);
            return ClaimTargetResponse.getDefaultInstance();
          }
          List<String> candidates = liveness.alive(m.candidates());
          Claim claim =
              store.claim(
                  key, candidates, m.rule().targetLimit(), node, ownLease(req.getLeaseId()));
          if (claim.chosen()) {
            log.info("event=target_claimed step={} node={}", key, node);
          }
          return ClaimTargetResponse.newBuilder()
              .setChosen(claim.chosen())
              .addAllRunners(claim.runners())
              .build();
        });
  }

  @Override
  public void recordTargetResult(
      RecordTargetResultRequest req, StreamObserver<RecordTargetResultResponse> out) {
    CoordinationErrors.reply(
        "RecordTargetResult",
        out,
        () -> {
          StepKey key = key(req.getScope());
          TargetResult result = req.getResult();
          members.candidate(req.getScope(), node(result.getNode()));
          store.recordResult(key, result.getNode(), result.toByteArray());
          signal.bump();
          log.info(
              "event=target_result step={} node={} status={}",
              key,
              result.getNode(),
              result.getStatus());
          return RecordTargetResultResponse.getDefaultInstance();
        });
  }

  @Override
  public void getTargetResult(
      GetTargetResultRequest req, StreamObserver<GetTargetResultResponse> out) {
    CoordinationErrors.reply(
        "GetTargetResult",
        out,
        () -> {
          StepKey key = key(req.getScope());
          members.member(
              req.getScope(), node(req.getNode()), "target.limit", r -> r.targetLimit() > 0);
          Map<String, byte[]> results =
              poll(req.getWaitMs(), () -> store.results(key), r -> !r.isEmpty());
          GetTargetResultResponse.Builder reply = GetTargetResultResponse.newBuilder();
          results.values().stream()
              .findFirst()
              .ifPresent(bytes -> reply.setFound(true).setResult(parseResult(bytes)));
          return reply.build();
        });
  }

  @Override
  public void publishExport(PublishExportRequest req, StreamObserver<PublishExportResponse> out) {
    CoordinationErrors.reply(
        "PublishExport",
        out,
        () -> {
          LabelSelector.parse(req.getVisibleTo());
          Export export =
              new Export(
                  text(req.getNamespace(), "namespace"),
                  text(req.getName(), "name"),
                  req.getValue(),
                  req.getVisibleTo(),
                  node(req.getNode()),
                  clock.instant());
          store.publish(export);
          signal.bump();
          log.info("event=export_published export={}", export);
          return PublishExportResponse.getDefaultInstance();
        });
  }

  @Override
  public void readExport(ReadExportRequest req, StreamObserver<ReadExportResponse> out) {
    CoordinationErrors.reply("ReadExport", out, () -> readExport(req));
  }

  private ReadExportResponse readExport(ReadExportRequest req) {
    String node = node(req.getNode());
    String namespace = text(req.getNamespace(), "namespace");
    String name = text(req.getName(), "name");
    Map<String, String> readerLabels =
        labels
            .of(node)
            .orElseThrow(() -> denied(node, namespace, name, "the node is not registered"));
    var found = poll(req.getWaitMs(), () -> store.read(namespace, name), e -> e.isPresent());
    if (found.isEmpty()) {
      return ReadExportResponse.getDefaultInstance();
    }
    Export export = found.get();
    if (!LabelSelector.parse(export.visibleTo()).matches(readerLabels)) {
      throw denied(
          node, namespace, name, "its labels do not match visibleTo '" + export.visibleTo() + "'");
    }
    return ReadExportResponse.newBuilder()
        .setFound(true)
        .setValue(export.value())
        .setPublisher(export.publisher())
        .build();
  }

  @Override
  public void listLocks(ListLocksRequest req, StreamObserver<ListLocksResponse> out) {
    CoordinationErrors.reply(
        "ListLocks",
        out,
        () -> {
          authorizer.requireRole(Role.VIEWER);
          ListLocksResponse.Builder reply = ListLocksResponse.newBuilder();
          for (Holding h : store.list()) {
            reply.addHoldings(
                LockHolding.newBuilder()
                    .setKind(LockHolding.Kind.valueOf(h.kind().name()))
                    .setScope(scope(h.key()))
                    .setHolder(h.holder())
                    .setLeaseId(h.leaseId())
                    .setSince(timestamp(h.since()))
                    .setExpires(timestamp(h.expiresAt())));
          }
          return reply.build();
        });
  }

  /**
   * The barrier now: its members are the step's members that are alive at this moment (read again
   * on every attempt, so a node that registered under this revision since counts).
   */
  private BarrierState barrier(StepKey key, CoordScope scope, String node) {
    Set<String> members = this.members.member(scope, node).members();
    Set<String> arrived = store.arrived(key);
    List<String> missing =
        liveness.alive(members).stream().filter(n -> !arrived.contains(n)).toList();
    return BarrierState.newBuilder()
        .setPassed(missing.isEmpty())
        .addAllArrived(arrived)
        .addAllMissing(missing)
        .build();
  }

  /**
   * Calls {@code attempt} until {@code done} accepts its answer or {@code waitMs} (capped) passed,
   * waking on every change and every {@code recheck}. The wait is bounded in real time: it only
   * limits how long one call is held, the agent's own deadline follows its clock.
   */
  private <T> T poll(long waitMs, Supplier<T> attempt, Predicate<T> done) {
    Duration budget = min(Duration.ofMillis(Math.max(0, waitMs)), settings.maxWait());
    long deadline = System.nanoTime() + budget.toNanos();
    while (true) {
      long seen = signal.version();
      T result = attempt.get();
      long left = deadline - System.nanoTime();
      if (done.test(result) || left <= 0 || Context.current().isCancelled()) {
        return result;
      }
      try {
        signal.awaitChange(seen, min(Duration.ofNanos(left), settings.recheck()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CoordinationErrors.CancelledWait();
      }
    }
  }

  private static ExportDeniedException denied(String node, String ns, String name, String why) {
    log.info("event=export_denied export={}/{} node={}", ns, name, node);
    return new ExportDeniedException(
        "node " + node + " may not read export " + ns + "/" + name + ": " + why);
  }

  private static TargetResult parseResult(byte[] bytes) {
    try {
      return TargetResult.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new CoordinationStoreException("stored target result is corrupt", e);
    }
  }

  private static StepKey key(CoordScope scope) {
    return new StepKey(scope.getTaskbook(), scope.getStepId(), scope.getRun());
  }

  /** A holding's scope; its revision is the run's (a run is its revision, "#" its generation). */
  private static CoordScope scope(StepKey key) {
    int generation = key.run().indexOf('#');
    return CoordScope.newBuilder()
        .setTaskbook(key.taskbook())
        .setStepId(key.stepId())
        .setRun(key.run())
        .setRevision(generation < 0 ? key.run() : key.run().substring(0, generation))
        .build();
  }

  /**
   * A lease named in a request, which must be held by the caller: a node renews, revokes and holds
   * permits under its own leases only. An unknown lease passes through, for the store to report.
   */
  private String ownLease(String leaseId) {
    store.holderOf(leaseId).ifPresent(authorizer::requireNode);
    return leaseId;
  }

  /** The request's node, which must be the caller's own (from its certificate). */
  private String node(String node) {
    authorizer.requireNode(text(node, "node"));
    return node;
  }

  private static String text(String value, String what) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must be set");
    }
    return value;
  }

  private static LeaseInfo leaseInfo(Lease lease) {
    return LeaseInfo.newBuilder()
        .setLeaseId(lease.id())
        .setHolder(lease.holder())
        .setTtlMs(lease.ttl().toMillis())
        .setExpires(timestamp(lease.expiresAt()))
        .build();
  }

  private static Timestamp timestamp(Instant t) {
    return ProtoTime.of(t);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
