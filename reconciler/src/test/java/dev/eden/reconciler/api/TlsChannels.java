package dev.eden.reconciler.api;

import dev.eden.common.pem.Pem;
import dev.eden.reconciler.trust.CertificateAuthority;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.function.Function;

/** A mutual-TLS channel to a reconciler on 127.0.0.1, with a certificate {@code ca} issues. */
final class TlsChannels {

  private TlsChannels() {}

  static ManagedChannel open(
      CertificateAuthority ca, int port, Function<KeyPair, X509Certificate> issue) {
    KeyPair pair = Pem.newKeyPair();
    try {
      var tls =
          GrpcSslContexts.forClient()
              .trustManager(ca.certificate())
              .keyManager(pair.getPrivate(), issue.apply(pair))
              .build();
      return NettyChannelBuilder.forAddress("127.0.0.1", port).sslContext(tls).build();
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalStateException(e);
    }
  }
}
