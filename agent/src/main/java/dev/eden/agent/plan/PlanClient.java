package dev.eden.agent.plan;

import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.GetPlanRequest;
import dev.eden.proto.GetPlanResponse;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanUpdate;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.RegisterResponse;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.proto.ReportRunRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.WatchPlanRequest;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The agent's side of AgentService. Unary calls carry a deadline; {@link #watch} returns a handle
 * that cancels the stream. Failures surface as {@link io.grpc.StatusRuntimeException}.
 */
public final class PlanClient {
  private final AgentServiceGrpc.AgentServiceBlockingStub blocking;
  private final AgentServiceGrpc.AgentServiceStub async;
  private final Duration deadline;

  public PlanClient(Channel channel, Duration deadline) {
    this.blocking = AgentServiceGrpc.newBlockingStub(channel);
    this.async = AgentServiceGrpc.newStub(channel);
    this.deadline = deadline;
  }

  private AgentServiceGrpc.AgentServiceBlockingStub stub() {
    return blocking.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  public RegisterResponse register(NodeInfo node) {
    return stub().register(RegisterRequest.newBuilder().setNode(node).build());
  }

  /** The node's plan, or empty when {@code knownHash} is still current. */
  public Optional<NodePlan> fetch(String node, String knownHash) {
    GetPlanResponse r =
        stub().getPlan(GetPlanRequest.newBuilder().setNode(node).setKnownHash(knownHash).build());
    return r.getNotModified() ? Optional.empty() : Optional.of(r.getPlan());
  }

  /** True when the reconciler had already stored this run. */
  public boolean report(RunReport report) {
    return stub().reportRun(ReportRunRequest.newBuilder().setReport(report).build()).getDuplicate();
  }

  public void reportEvents(ReportEventsRequest events) {
    stub().reportEvents(events);
  }

  /** An open stream; closing it cancels the call. */
  public interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  /** Opens the plan watch; {@code observer} sees every update and the stream's end. */
  public Watch watch(String node, String knownHash, StreamObserver<PlanUpdate> observer) {
    Context.CancellableContext ctx = Context.current().withCancellation();
    WatchPlanRequest req =
        WatchPlanRequest.newBuilder().setNode(node).setKnownHash(knownHash).build();
    ctx.run(() -> async.watchPlan(req, observer));
    return () -> ctx.cancel(null);
  }
}
