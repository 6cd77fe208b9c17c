package dev.eden.reconciler.trust;

import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.GetPlanRequest;
import dev.eden.proto.GetPlanResponse;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanUpdate;
import dev.eden.proto.ReportRunRequest;
import dev.eden.proto.ReportRunResponse;
import dev.eden.proto.WatchPlanRequest;
import dev.eden.reconciler.rpc.ErrorStatus;
import dev.eden.testkit.FakeClock;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A reconciler's gRPC port in miniature: real Netty TLS on 127.0.0.1:0, the trust interceptor and
 * services, and a small AgentService whose methods ask the {@link Authorizer} first.
 */
final class TrustServer implements AutoCloseable {

  final FakeClock clock = FakeClock.now();
  final List<String> audit = new CopyOnWriteArrayList<>();
  final Trust trust;
  final Server server;
  private final List<ManagedChannel> channels = new ArrayList<>();

  TrustServer(Path dataDir) {
    trust =
        Trust.open(
            TrustOptions.defaults(dataDir),
            clock,
            (id, action, target) -> audit.add(id.describe() + " " + action + " " + target));
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
              .sslContext(trust.serverSslContext())
              .intercept(trust.interceptor())
              .addService(trust.enrollmentService())
              .addService(trust.adminService())
              .addService(new GuardedAgentService(trust.authorizer()))
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getPort();
  }

  ManagedChannel channel(SslContext tls) {
    ManagedChannel c = NettyChannelBuilder.forAddress("127.0.0.1", port()).sslContext(tls).build();
    channels.add(c);
    return c;
  }

  ManagedChannel plaintextChannel() {
    ManagedChannel c = NettyChannelBuilder.forAddress("127.0.0.1", port()).usePlaintext().build();
    channels.add(c);
    return c;
  }

  /** A node certificate issued directly by the CA (as if enrolled). */
  X509Certificate nodeCert(TestKeys keys) {
    return trust
        .enrollment()
        .ca()
        .issueNode(keys.pair().getPublic(), keys.name(), Duration.ofDays(30));
  }

  ManagedChannel nodeChannel(TestKeys keys, X509Certificate cert) {
    return channel(keys.mutualTls(trust.ca().certificate(), cert));
  }

  /** A channel for a node certificate recorded in the ledger, as enrollment records it. */
  ManagedChannel enrolledNode(TestKeys keys) {
    X509Certificate cert = nodeCert(keys);
    trust.ledger().recordIssued(new Identity.Node(keys.name()), cert, java.util.Map.of());
    return nodeChannel(keys, cert);
  }

  ManagedChannel user(String name, Role role) {
    TestKeys keys = TestKeys.of(name);
    X509Certificate cert =
        trust.ca().issueUser(keys.pair().getPublic(), name, role, Duration.ofDays(1));
    return channel(keys.mutualTls(trust.ca().certificate(), cert));
  }

  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    trust.close();
  }

  /** GetPlan, WatchPlan and ReportRun as a node's own only. */
  static final class GuardedAgentService extends AgentServiceGrpc.AgentServiceImplBase {
    private final Authorizer authorizer;

    GuardedAgentService(Authorizer authorizer) {
      this.authorizer = authorizer;
    }

    @Override
    public void getPlan(GetPlanRequest request, StreamObserver<GetPlanResponse> out) {
      TrustCalls.unary(
          out,
          () -> {
            authorizer.requireNode(request.getNode());
            return GetPlanResponse.newBuilder()
                .setPlan(NodePlan.newBuilder().setNode(request.getNode()))
                .build();
          });
    }

    @Override
    public void reportRun(ReportRunRequest request, StreamObserver<ReportRunResponse> out) {
      TrustCalls.unary(
          out,
          () -> {
            authorizer.requireNode(request.getReport().getNode());
            return ReportRunResponse.getDefaultInstance();
          });
    }

    @Override
    public void watchPlan(WatchPlanRequest request, StreamObserver<PlanUpdate> out) {
      try {
        authorizer.requireNode(request.getNode());
      } catch (TrustException e) {
        out.onError(ErrorStatus.of("WatchPlan", e));
        return;
      }
      out.onNext(PlanUpdate.newBuilder().setKeepalive(true).build());
    }
  }
}
