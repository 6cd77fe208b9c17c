package dev.eden.reconciler.trust;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.time.Clock;
import java.util.Optional;

/**
 * How the reconciler's gRPC port is secured: mutual TLS with the eden CA (the default), or {@code
 * --insecure} plaintext where every caller passes unauthenticated (with a warning in the log).
 * {@link #configure} sets TLS, the interceptor and the trust services on a Netty builder.
 */
public final class GrpcSecurity implements AutoCloseable {

  private final Optional<Trust> trust;
  private final Authorizer authorizer;

  private GrpcSecurity(Optional<Trust> trust, Authorizer authorizer) {
    this.trust = trust;
    this.authorizer = authorizer;
  }

  /**
   * Mutual TLS: loads or creates the CA and the trust database.
   *
   * @throws TrustException as {@link Trust#open} does
   */
  public static GrpcSecurity mutualTls(TrustOptions options, Clock clock, AuditSink audit) {
    Trust trust = Trust.open(options, clock, audit);
    return new GrpcSecurity(Optional.of(trust), trust.authorizer());
  }

  /** Plaintext, unauthenticated; logs the warning an insecure reconciler must show. */
  public static GrpcSecurity insecure(AuditSink audit) {
    Trust.insecureInterceptor();
    return new GrpcSecurity(Optional.empty(), new Authorizer(audit));
  }

  /** Adds TLS, the authenticating interceptor and the enrollment and admin services. */
  public NettyServerBuilder configure(NettyServerBuilder builder) {
    if (trust.isEmpty()) {
      return builder.intercept(AuthInterceptor.insecure());
    }
    Trust t = trust.get();
    return builder
        .sslContext(t.serverSslContext())
        .intercept(t.interceptor())
        .addService(t.enrollmentService())
        .addService(t.adminService());
  }

  public Authorizer authorizer() {
    return authorizer;
  }

  /** The trust when mutual TLS is on; empty with {@code --insecure}. */
  public Optional<Trust> trust() {
    return trust;
  }

  @Override
  public void close() {
    trust.ifPresent(Trust::close);
  }
}
