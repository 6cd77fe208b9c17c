package dev.eden.reconciler.api;

import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.trust.Authorizer;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's gRPC server: AgentService, ControlService, the standard health service and
 * server reflection, on whatever transport the given builder makes (Netty in production, in-process
 * in tests).
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Server server;
  private final HealthStatusManager health;
  private final ScheduledExecutorService scheduler;

  private ApiServer(Server server, HealthStatusManager health, ScheduledExecutorService scheduler) {
    this.server = server;
    this.health = health;
    this.scheduler = scheduler;
  }

  /**
   * Adds the services to {@code builder}, builds and starts the server. The services ask {@code
   * authorizer} before anything else; the caller installs the interceptor that authenticates
   * callers ({@code Trust.interceptor()}, or {@code AuthInterceptor.insecure()}) on {@code
   * builder}. Pass an authorizer made by {@link #audited} so refusals become events too.
   *
   * @throws UncheckedIOException when the server cannot bind
   */
  public static ApiServer start(
      ServerBuilder<?> builder,
      Backend backend,
      Authorizer authorizer,
      List<BindableService> more) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "eden-grpc-keepalive");
              t.setDaemon(true);
              return t;
            });
    HealthStatusManager health = new HealthStatusManager();
    more.forEach(builder::addService);
    Server server =
        builder
            .addService(new AgentServiceImpl(backend, scheduler, authorizer))
            .addService(new ControlServiceImpl(backend, authorizer))
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance())
            .build();
    try {
      server.start();
    } catch (IOException e) {
      scheduler.shutdownNow();
      throw new UncheckedIOException("starting gRPC server: " + e.getMessage(), e);
    }
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus("eden.v1.AgentService", ServingStatus.SERVING);
    health.setStatus("eden.v1.ControlService", ServingStatus.SERVING);
    for (BindableService service : more) {
      health.setStatus(
          service.bindService().getServiceDescriptor().getName(), ServingStatus.SERVING);
    }
    LOG.info("event=grpc_started port={}", server.getPort());
    return new ApiServer(server, health, scheduler);
  }

  /** {@code authorizer} whose refusals also become {@code PermissionDenied} events. */
  public static Authorizer audited(Authorizer authorizer, EventLog events) {
    return authorizer.alsoAuditTo(DeniedEvents.to(events));
  }

  /** The bound port (-1 for transports without one, such as in-process). */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.shutdownNow();
    LOG.info("event=grpc_stopped");
  }
}
