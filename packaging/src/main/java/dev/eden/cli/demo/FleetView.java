package dev.eden.cli.demo;

import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.ListNodesRequest;
import dev.eden.proto.ListRevisionsRequest;
import dev.eden.proto.NodeStatus;
import dev.eden.proto.RevisionInfo;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the reconciler says about the fleet at one moment: its nodes and current revision. */
public record FleetView(
    List<NodeStatus> nodes, Optional<RevisionInfo> current, Optional<RevisionInfo> latest) {

  /** Asks the reconciler behind {@code channel}; empty when it cannot be reached yet. */
  public static Optional<FleetView> fetch(ManagedChannel channel) {
    var stub = ControlServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    try {
      List<RevisionInfo> revisions =
          stub.listRevisions(ListRevisionsRequest.newBuilder().setLimit(20).build())
              .getRevisionsList();
      Optional<RevisionInfo> current =
          revisions.stream().filter(RevisionInfo::getCurrent).findFirst();
      // nodes after revisions: a revision is accepted together with its plans, so nodes read
      // now carry the plans of the revision just read (or a newer one), never an older one
      List<NodeStatus> nodes = stub.listNodes(ListNodesRequest.getDefaultInstance()).getNodesList();
      return Optional.of(new FleetView(nodes, current, revisions.stream().findFirst()));
    } catch (StatusRuntimeException e) {
      return Optional.empty();
    }
  }

  /** The commit being served, or "". */
  public String currentCommit() {
    return current.map(RevisionInfo::getCommit).orElse("");
  }

  /** The newest revision when the reconciler rejected it (it keeps serving the last good one). */
  public Optional<RevisionInfo> rejected() {
    return latest.filter(r -> !r.getAccepted());
  }

  public Optional<NodeStatus> node(String name) {
    return nodes.stream().filter(n -> n.getName().equals(name)).findFirst();
  }

  /**
   * A node has converged when its last run applied the plan the reconciler holds for it now,
   * without a failed step.
   */
  public static boolean converged(NodeStatus n) {
    return n.hasLastRun()
        && !n.getPlanHash().isEmpty()
        && n.getLastRun().getPlanHash().equals(n.getPlanHash())
        && n.getLastRun().getFailed() == 0
        && !n.getLastRun().getDryRun();
  }

  /** True when every one of {@code names} is known and converged. */
  public boolean allConverged(List<String> names) {
    return names.stream().allMatch(name -> node(name).map(FleetView::converged).orElse(false));
  }
}
