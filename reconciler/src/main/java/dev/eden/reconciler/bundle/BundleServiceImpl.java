package dev.eden.reconciler.bundle;

import dev.eden.proto.BundleServiceGrpc;
import dev.eden.proto.ImportBundleRequest;
import dev.eden.proto.ImportBundleResponse;
import dev.eden.reconciler.rpc.ErrorStatus;
import dev.eden.reconciler.trust.Authorizer;
import dev.eden.reconciler.trust.Role;
import io.grpc.stub.StreamObserver;
import java.util.Optional;

/** {@code ImportBundle} for {@code eden bundle import}: operator role. */
public final class BundleServiceImpl extends BundleServiceGrpc.BundleServiceImplBase {

  private final Optional<BundleImporter> importer;
  private final Authorizer authorizer;

  /**
   * @param importer empty when the reconciler fetches from {@code --repo}: imports are refused
   */
  public BundleServiceImpl(Optional<BundleImporter> importer, Authorizer authorizer) {
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
          BundleImporter.Result r =
              importer
                  .orElseThrow(
                      () ->
                          new BundleRefused(
                              "this reconciler fetches from --repo; bundles are imported by a"
                                  + " reconciler that hosts the repository (eden reconciler"
                                  + " --hosted)"))
                  .importFile(name, request.getFile().toByteArray());
          return ImportBundleResponse.newBuilder()
              .setChanged(r.changed())
              .setTip(r.tip())
              .setSummary(r.summary())
              .addAllErrors(r.errors())
              .build();
        });
  }
}
