package dev.eden.reconciler.trust;

import dev.eden.common.pem.Pem;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;

/**
 * The reconciler's TLS: a server certificate issued by the eden CA at every start (its key lives in
 * memory only) and client authentication OPTIONAL at the TLS layer, so that a new node can call
 * Enroll; the {@link AuthInterceptor} requires a certificate for every other call.
 */
public final class TlsServerContexts {

  static final Duration SERVER_VALIDITY = Duration.ofDays(365);

  private TlsServerContexts() {}

  /** localhost, 127.0.0.1, ::1, this host's name, then {@code extra} ({@code --tls-san}). */
  public static List<String> defaultSans(List<String> extra) {
    List<String> sans = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
    try {
      sans.add(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      // no resolvable host name: the others still work
    }
    sans.addAll(extra);
    return sans;
  }

  /**
   * A server context for grpc-netty-shaded with a fresh certificate for {@code sans}.
   *
   * @throws TrustException STORAGE when the TLS provider refuses the key or certificate
   */
  public static SslContext forServer(CertificateAuthority ca, List<String> sans) {
    KeyPair pair = Pem.newKeyPair();
    X509Certificate cert = ca.issueServer(pair.getPublic(), sans, SERVER_VALIDITY);
    try {
      return GrpcSslContexts.configure(
              SslContextBuilder.forServer(pair.getPrivate(), cert, ca.certificate())
                  .trustManager(new IssuedByCa(ca.certificate()))
                  .clientAuth(ClientAuth.OPTIONAL))
          .build();
    } catch (SSLException e) {
      throw new TrustException(TrustException.Reason.STORAGE, "cannot build the TLS context", e);
    }
  }

  /**
   * Accepts client chains whose leaf the eden CA signed. Validity in time and revocation are
   * checked per call by the interceptor with the injected clock.
   */
  static final class IssuedByCa implements X509TrustManager {
    private final X509Certificate ca;

    IssuedByCa(X509Certificate ca) {
      this.ca = ca;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("no client certificate");
      }
      try {
        chain[0].verify(ca.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new CertificateException("client certificate is not issued by this eden CA");
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a server trust manager does not check servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[] {ca};
    }
  }
}
