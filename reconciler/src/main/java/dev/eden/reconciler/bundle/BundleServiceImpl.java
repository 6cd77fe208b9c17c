package dev.eden.reconciler.bundle;

import dev.eden.proto.BundleServiceGrpc;
import dev.eden.proto.ImportBundleRequest;
import dev.eden.proto.ImportBundleResponse;
import dev.eden.reconciler.rpc.ErrorStatus;
import dev.eden.reconciler.trust.Authorizer;
import dev.eden.reconciler.trust.Role;
import io.grpc.stub.StreamObserver;

/** {@code ImportBundle} for {@code eden bundle import}: operator role. */
public final class BundleServiceImpl extends BundleServiceGrpc.BundleServiceImplBase {

  private final BundleImporter importer;
  private final Authorizer authorizer;

  public BundleServiceImpl(BundleImporter importer, Authorizer authorizer) {
    this.importer = importer;
    this.authorizer = authorizer;
  }

  @Override
  public void importBundle(
      ImportBundleRequest request, StreamObserver<ImportBundleResponse> observer) {
    ErrorStatus.unary(
        "ImportBundle",
        observer,
        () -> {
          authorizer.requireRole(Role.OPERATOR);
          String name = request.getName().isBlank() ? "bundle" : request.getName();
          BundleImporter.Result r = importer.importFile(name, request.getFile().toByteArray());
          return ImportBundleResponse.newBuilder()
              .setChanged(r.changed())
              .setTip(r.tip())
              .setSummary(r.summary())
              .addAllErrors(r.errors())
              .build();
        });
  }
}
