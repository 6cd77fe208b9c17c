package dev.eden.reconciler.trust;

import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the reconciler needs for identity and trust, built once at start: the CA, the trust
 * database, enrollment, the authenticating interceptor, the {@link Authorizer} and the two gRPC
 * services. Wiring a server:
 *
 * <pre>{@code
 * Trust trust = Trust.open(options, clock, audit);
 * NettyServerBuilder.forAddress(addr)
 *     .sslContext(trust.serverSslContext())
 *     .intercept(trust.interceptor())
 *     .addService(trust.enrollmentService())
 *     .addService(trust.adminService());
 * }</pre>
 */
public final class Trust implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Trust.class);

  private final TrustOptions options;
  private final TrustDb db;
  private final CertificateAuthority ca;
  private final TokenStore tokens;
  private final GitTokens gitTokens;
  private final PendingRequests pending;
  private final CertificateLedger ledger;
  private final Enrollment enrollment;
  private final OpenCalls openCalls = new OpenCalls();
  private final Authorizer authorizer;

  private Trust(
      TrustOptions options, TrustDb db, CertificateAuthority ca, Clock clock, AuditSink audit) {
    this.options = options;
    this.db = db;
    this.ca = ca;
    this.tokens = new TokenStore(db, clock);
    this.gitTokens = new GitTokens(db, clock);
    this.pending = new PendingRequests(db, clock);
    this.ledger = new CertificateLedger(db, clock);
    this.enrollment = new Enrollment(ca, tokens, pending, ledger, options.nodeValidity());
    this.authorizer = new Authorizer(audit);
  }

  /**
   * Loads or creates the CA and opens the trust database.
   *
   * @throws TrustException INVALID_REQUEST for an unusable operator CA, STORAGE for the database
   */
  public static Trust open(TrustOptions options, Clock clock, AuditSink audit) {
    try {
      PrivateFiles.privateDirectory(options.dataDir());
    } catch (UncheckedIOException e) {
      throw TrustException.storage("cannot create " + options.dataDir(), e.getCause());
    }
    CertificateAuthority ca =
        options.caCert().isPresent()
            ? CertificateAuthority.load(
                options.caCert().get(), options.caKey().orElseThrow(), clock)
            : CertificateAuthority.loadOrCreate(options.pkiDir(), clock);
    TrustDb db = TrustDb.open(options.effectiveJdbcUrl());
    log.info(
        "event=trust-ready ca_fingerprint={} operator_ca={}",
        ca.fingerprint(),
        options.caCert().isPresent());
    return new Trust(options, db, ca, clock, audit);
  }

  /** TLS for the gRPC port: a fresh server certificate, client certificates optional. */
  public SslContext serverSslContext() {
    return TlsServerContexts.forServer(ca, TlsServerContexts.defaultSans(options.tlsSans()));
  }

  public ServerInterceptor interceptor() {
    return new AuthInterceptor(ca, ledger, openCalls);
  }

  public BindableService enrollmentService() {
    return new EnrollmentGrpcService(enrollment, authorizer);
  }

  public BindableService adminService() {
    return new TrustAdminGrpcService(this);
  }

  public List<BindableService> services() {
    return List.of(enrollmentService(), adminService());
  }

  /** Writes {@code <data-dir>/admin.conf} on first start (see {@link AdminConfig}). */
  public Path writeAdminConfigIfAbsent(String serverAddress) {
    return AdminConfig.writeIfAbsent(options.dataDir(), this, serverAddress);
  }

  /**
   * Revokes every certificate of {@code node} and closes its open calls at once.
   *
   * @return how many open calls were cancelled
   */
  public int revokeNode(String node) {
    Identity.Node id = new Identity.Node(node);
    int serials = ledger.revokeNode(node);
    pending.remove(node);
    int cancelled = openCalls.cancelAll(id, "node certificate revoked");
    log.warn(
        "event=node-revoked node={} certificates={} cancelled_calls={}", node, serials, cancelled);
    return cancelled;
  }

  public CertificateAuthority ca() {
    return ca;
  }

  public TokenStore tokens() {
    return tokens;
  }

  /** Credentials for the hosted repository ({@code eden token create --push}). */
  public GitTokens gitTokens() {
    return gitTokens;
  }

  public PendingRequests pending() {
    return pending;
  }

  public CertificateLedger ledger() {
    return ledger;
  }

  public Enrollment enrollment() {
    return enrollment;
  }

  public Authorizer authorizer() {
    return authorizer;
  }

  public OpenCalls openCalls() {
    return openCalls;
  }

  /** Logs the warning an {@code --insecure} reconciler must show on start. */
  public static ServerInterceptor insecureInterceptor() {
    log.warn(
        "event=insecure-mode message=\"--insecure: no TLS, no authentication, any client can"
            + " claim to be any node\"");
    return AuthInterceptor.insecure();
  }

  @Override
  public void close() {
    db.close();
  }
}
