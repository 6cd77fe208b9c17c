package dev.eden.agent.trust;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;

/** TLS for agents and the CLI: trust the eden CA only, and present a client certificate. */
public final class TlsClientContexts {

  private TlsClientContexts() {}

  /**
   * Mutual TLS: trusts {@code ca} only and presents {@code chain} with {@code key}.
   *
   * @throws IllegalStateException when the TLS provider refuses the key or certificates
   */
  public static SslContext mutual(X509Certificate ca, PrivateKey key, List<X509Certificate> chain) {
    return build(
        GrpcSslContexts.forClient()
            .trustManager(ca)
            .keyManager(key, chain.toArray(X509Certificate[]::new)));
  }

  public static SslContext mutual(NodeCredentials credentials) {
    return mutual(credentials.ca(), credentials.key(), credentials.chain());
  }

  /** Server-authenticated TLS only (the first, Enroll call of a node): trusts {@code anchor}. */
  public static SslContext bootstrap(CaAnchor anchor) {
    return build(GrpcSslContexts.forClient().trustManager(anchor.trustManager()));
  }

  /** Server-authenticated TLS with a custom trust manager (tests, tools). */
  public static SslContext trusting(X509TrustManager trustManager) {
    return build(GrpcSslContexts.forClient().trustManager(trustManager));
  }

  private static SslContext build(SslContextBuilder builder) {
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build a TLS client context", e);
    }
  }
}
