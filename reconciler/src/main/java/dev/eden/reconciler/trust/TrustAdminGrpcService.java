package dev.eden.reconciler.trust;

import dev.eden.common.pem.Pem;
import dev.eden.common.proto.ProtoTime;
import dev.eden.proto.ApproveNodeRequest;
import dev.eden.proto.ApproveNodeResponse;
import dev.eden.proto.CreateTokenRequest;
import dev.eden.proto.CreateTokenResponse;
import dev.eden.proto.CreateUserRequest;
import dev.eden.proto.CreateUserResponse;
import dev.eden.proto.ListPendingRequest;
import dev.eden.proto.ListPendingResponse;
import dev.eden.proto.PendingNode;
import dev.eden.proto.RevokeNodeRequest;
import dev.eden.proto.RevokeNodeResponse;
import dev.eden.proto.TrustAdminServiceGrpc;
import dev.eden.reconciler.hosted.GitAccess;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;

/** Tokens, approvals, revocations and users: admins only. */
final class TrustAdminGrpcService extends TrustAdminServiceGrpc.TrustAdminServiceImplBase {

  static final Duration DEFAULT_TTL = Duration.ofHours(1);
  static final Duration DEFAULT_GIT_TTL = Duration.ofDays(30);

  private final Trust trust;

  TrustAdminGrpcService(Trust trust) {
    this.trust = trust;
  }

  @Override
  public void createToken(CreateTokenRequest request, StreamObserver<CreateTokenResponse> out) {
    TrustCalls.unary(
        out,
        () -> {
          if (request.getGitAccess() != CreateTokenRequest.GitAccess.GIT_ACCESS_UNSPECIFIED) {
            return gitToken(request);
          }
          trust.authorizer().requireRole(Role.ADMIN);
          Duration ttl =
              request.getTtlSeconds() == 0
                  ? DEFAULT_TTL
                  : Duration.ofSeconds(request.getTtlSeconds());
          Optional<String> node =
              request.getNode().isEmpty() ? Optional.empty() : Optional.of(request.getNode());
          TokenStore.NewToken token = trust.tokens().create(ttl, node, request.getLabelsMap());
          return CreateTokenResponse.newBuilder()
              .setToken(BootstrapSecret.format(token.secret(), trust.ca().fingerprint()))
              .setExpires(ProtoTime.of(token.expires()))
              .build();
        });
  }

  /** A push (operator) or fetch (viewer) token for the hosted repository. */
  private CreateTokenResponse gitToken(CreateTokenRequest request) {
    boolean push = request.getGitAccess() == CreateTokenRequest.GitAccess.GIT_PUSH;
    if (!push && request.getGitAccess() != CreateTokenRequest.GitAccess.GIT_FETCH) {
      throw TrustException.invalid("unknown git_access " + request.getGitAccessValue());
    }
    if (!request.getNode().isEmpty() || request.getLabelsCount() > 0) {
      throw TrustException.invalid("a git token is not bound to a node: drop --node and --labels");
    }
    trust.authorizer().requireRole(push ? Role.OPERATOR : Role.VIEWER);
    Duration ttl =
        request.getTtlSeconds() == 0
            ? DEFAULT_GIT_TTL
            : Duration.ofSeconds(request.getTtlSeconds());
    TokenStore.NewToken token =
        trust.gitTokens().create(push ? GitAccess.PUSH : GitAccess.FETCH, ttl);
    return CreateTokenResponse.newBuilder()
        .setToken(token.secret())
        .setExpires(ProtoTime.of(token.expires()))
        .build();
  }

  @Override
  public void listPending(ListPendingRequest request, StreamObserver<ListPendingResponse> out) {
    TrustCalls.unary(
        out,
        () -> {
          trust.authorizer().requireRole(Role.OPERATOR);
          ListPendingResponse.Builder b = ListPendingResponse.newBuilder();
          for (PendingRequests.Pending p : trust.pending().list()) {
            b.addPending(
                PendingNode.newBuilder()
                    .setNode(p.node())
                    .setPublicKeySha256(p.keySha256())
                    .setRequested(ProtoTime.of(p.requested()))
                    .setPeer(p.peer()));
          }
          return b.build();
        });
  }

  @Override
  public void approveNode(ApproveNodeRequest request, StreamObserver<ApproveNodeResponse> out) {
    TrustCalls.unary(
        out,
        () -> {
          trust.authorizer().requireRole(Role.ADMIN);
          trust.enrollment().approve(request.getNode());
          return ApproveNodeResponse.getDefaultInstance();
        });
  }

  @Override
  public void revokeNode(RevokeNodeRequest request, StreamObserver<RevokeNodeResponse> out) {
    TrustCalls.unary(
        out,
        () -> {
          trust.authorizer().requireRole(Role.ADMIN);
          int cancelled = trust.revokeNode(request.getNode());
          return RevokeNodeResponse.newBuilder().setCancelledCalls(cancelled).build();
        });
  }

  @Override
  public void createUser(CreateUserRequest request, StreamObserver<CreateUserResponse> out) {
    TrustCalls.unary(
        out,
        () -> {
          trust.authorizer().requireRole(Role.ADMIN);
          Role role = Role.parse(request.getRole());
          var cert = trust.enrollment().signUser(request.getName(), role, request.getCsrPem());
          return CreateUserResponse.newBuilder()
              .setCertificateChainPem(Pem.encode(cert, trust.ca().certificate()))
              .setCaPem(trust.ca().certificatePem())
              .build();
        });
  }
}
