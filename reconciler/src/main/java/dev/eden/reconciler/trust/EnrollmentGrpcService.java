package dev.eden.reconciler.trust;

import dev.eden.common.pem.Pem;
import dev.eden.proto.EnrollRequest;
import dev.eden.proto.EnrollResponse;
import dev.eden.proto.EnrollmentServiceGrpc;
import dev.eden.proto.RenewRequest;
import dev.eden.proto.RenewResponse;
import io.grpc.stub.StreamObserver;
import java.util.Optional;

/** Enroll (no client certificate needed) and Renew (the node's current certificate). */
final class EnrollmentGrpcService extends EnrollmentServiceGrpc.EnrollmentServiceImplBase {

  private final Enrollment enrollment;
  private final Authorizer authorizer;

  EnrollmentGrpcService(Enrollment enrollment, Authorizer authorizer) {
    this.enrollment = enrollment;
    this.authorizer = authorizer;
  }

  @Override
  public void enroll(EnrollRequest request, StreamObserver<EnrollResponse> out) {
    TrustCalls.unary(
        out,
        () -> {
          Optional<String> token =
              request.getToken().isEmpty()
                  ? Optional.empty()
                  : Optional.of(BootstrapSecret.secretOf(request.getToken()));
          String peer = AuthInterceptor.PEER.get() == null ? "unknown" : AuthInterceptor.PEER.get();
          Enrollment.Outcome outcome =
              enrollment.enroll(request.getNode(), request.getCsrPem(), token, peer);
          String caPem = enrollment.ca().certificatePem();
          if (outcome instanceof Enrollment.Outcome.Issued issued) {
            return EnrollResponse.newBuilder()
                .setStatus(EnrollResponse.Status.ISSUED)
                .setCertificateChainPem(
                    Pem.encode(issued.certificate(), enrollment.ca().certificate()))
                .setCaPem(caPem)
                .build();
          }
          Enrollment.Outcome.Pending pending = (Enrollment.Outcome.Pending) outcome;
          return EnrollResponse.newBuilder()
              .setStatus(EnrollResponse.Status.PENDING)
              .setCaPem(caPem)
              .setRetryAfterMs(pending.retryAfter().toMillis())
              .build();
        });
  }

  @Override
  public void renew(RenewRequest request, StreamObserver<RenewResponse> out) {
    TrustCalls.unary(
        out,
        () -> {
          Identity id = authorizer.current();
          if (!(id instanceof Identity.Node node)) {
            throw new TrustException(
                TrustException.Reason.DENIED, "only a node certificate can be renewed");
          }
          var cert = enrollment.renew(node, request.getCsrPem());
          return RenewResponse.newBuilder()
              .setCertificateChainPem(Pem.encode(cert, enrollment.ca().certificate()))
              .setCaPem(enrollment.ca().certificatePem())
              .build();
        });
  }
}
