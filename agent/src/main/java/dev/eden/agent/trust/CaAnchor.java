package dev.eden.agent.trust;

import dev.eden.common.pem.Pem;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.X509TrustManager;

/**
 * What a new node trusts before it has enrolled: the CA certificate given with {@code --ca-cert},
 * or the CA hash carried by its bootstrap token.
 */
public sealed interface CaAnchor {

  /** Whether {@code ca} is the CA this anchor names. */
  boolean matches(X509Certificate ca);

  /** The trust manager for the first, bootstrap connection. */
  X509TrustManager trustManager();

  /** A CA certificate file ({@code --ca-cert}). */
  record Certificate(X509Certificate ca) implements CaAnchor {
    @Override
    public boolean matches(X509Certificate other) {
      return ca.equals(other);
    }

    @Override
    public X509TrustManager trustManager() {
      return new PinnedCa(Pem.fingerprint(ca));
    }
  }

  /** The SHA-256 (hex) of the CA certificate, from a token {@code <secret>.<hash>}. */
  record Pinned(String sha256) implements CaAnchor {
    @Override
    public boolean matches(X509Certificate other) {
      return Pem.fingerprint(other).equalsIgnoreCase(sha256);
    }

    @Override
    public X509TrustManager trustManager() {
      return new PinnedCa(sha256);
    }
  }

  /**
   * Trusts a server whose chain carries a CA certificate with the pinned hash, and whose leaf that
   * CA signed. The reconciler always sends its CA after its server certificate.
   */
  final class PinnedCa implements X509TrustManager {
    private final String sha256;

    PinnedCa(String sha256) {
      this.sha256 = sha256;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      X509Certificate ca =
          Arrays.stream(chain == null ? new X509Certificate[0] : chain)
              .filter(c -> c.getBasicConstraints() >= 0)
              .filter(c -> Pem.fingerprint(c).equalsIgnoreCase(sha256))
              .findFirst()
              .orElseThrow(
                  () ->
                      new CertificateException(
                          "the server's CA does not match the CA hash this node trusts"));
      try {
        chain[0].verify(ca.getPublicKey());
        chain[0].checkValidity();
      } catch (GeneralSecurityException e) {
        throw new CertificateException("the server certificate is not valid for the pinned CA", e);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a client trust manager does not check clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
