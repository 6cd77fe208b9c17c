package dev.eden.reconciler.trust;

import dev.eden.proto.EnrollmentServiceGrpc;
import dev.eden.reconciler.rpc.ErrorStatus;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every call: takes the client certificate from the TLS session, checks that the eden
 * CA issued it, that it is valid by the injected clock and not revoked, and puts the {@link
 * Identity} it names into the {@link Context}. Only {@code EnrollmentService/Enroll} may be called
 * without a certificate.
 */
public final class AuthInterceptor implements ServerInterceptor {

  /** The full gRPC method name of the current call, for audit events. */
  public static final Context.Key<String> METHOD = Context.key("eden-method");

  /** The remote address of the current call, for logs and pending requests. */
  public static final Context.Key<String> PEER = Context.key("eden-peer");

  private static final Logger log = LoggerFactory.getLogger(AuthInterceptor.class);
  private static final String ENROLL = EnrollmentServiceGrpc.getEnrollMethod().getFullMethodName();

  private final CertificateAuthority ca;
  private final CertificateLedger ledger;
  private final OpenCalls openCalls;

  public AuthInterceptor(CertificateAuthority ca, CertificateLedger ledger, OpenCalls openCalls) {
    this.ca = ca;
    this.ledger = ledger;
    this.openCalls = openCalls;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    String peer = peerOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    Identity identity;
    try {
      identity = authenticate(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION), method);
    } catch (TrustException e) {
      log.warn(
          "event=call-unauthenticated method={} peer={} reason=\"{}\"",
          method,
          peer,
          e.getMessage());
      call.close(ErrorStatus.of(method, e).getStatus(), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    Context.CancellableContext context =
        Context.current()
            .withValues(Identity.CONTEXT_KEY, identity, METHOD, method, PEER, peer)
            .withCancellation();
    OpenCalls.Guarded<Q, R> guarded = openCalls.register(identity, call, context);
    ServerCall.Listener<Q> listener;
    try {
      listener = Contexts.interceptCall(context, guarded, headers, next);
    } catch (RuntimeException e) {
      openCalls.unregister(identity, guarded);
      context.cancel(e);
      throw e;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onComplete() {
        done();
        super.onComplete();
      }

      @Override
      public void onCancel() {
        done();
        super.onCancel();
      }

      private void done() {
        openCalls.unregister(identity, guarded);
        context.cancel(null);
      }
    };
  }

  private Identity authenticate(SSLSession session, String method) {
    Optional<X509Certificate> cert = peerCertificate(session);
    if (cert.isEmpty()) {
      if (ENROLL.equals(method)) {
        return new Identity.Anonymous();
      }
      throw TrustException.unauthenticated(
          session == null
              ? "this server requires TLS with a client certificate"
              : "a client certificate is required for " + method + "; enroll first");
    }
    ca.verifyIssued(cert.get());
    if (ledger.isRevoked(cert.get().getSerialNumber())) {
      throw TrustException.unauthenticated("client certificate has been revoked");
    }
    return SubjectNames.identityOf(cert.get())
        .orElseThrow(
            () -> TrustException.unauthenticated("client certificate names no eden identity"));
  }

  private static Optional<X509Certificate> peerCertificate(SSLSession session) {
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x
          ? Optional.of(x)
          : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  private static String peerOf(SocketAddress address) {
    return address == null ? "unknown" : address.toString();
  }

  /** For a reconciler started with {@code --insecure}: every call is {@link Identity.Insecure}. */
  public static ServerInterceptor insecure() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Context ctx =
            Context.current()
                .withValues(
                    Identity.CONTEXT_KEY,
                    new Identity.Insecure(),
                    METHOD,
                    call.getMethodDescriptor().getFullMethodName(),
                    PEER,
                    peerOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
        return Contexts.interceptCall(ctx, call, headers, next);
      }
    };
  }
}
