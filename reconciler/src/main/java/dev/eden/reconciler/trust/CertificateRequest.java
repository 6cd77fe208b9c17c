package dev.eden.reconciler.trust;

import dev.eden.common.pem.Pem;
import dev.eden.common.pem.PemException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A verified PKCS#10 request: its signature proves the requester holds the private key of {@link
 * #publicKey()}, and its subject CN is the name it asks for.
 */
public record CertificateRequest(String commonName, PublicKey publicKey) {

  /**
   * Parses and verifies a PEM CSR.
   *
   * @throws TrustException INVALID_REQUEST when it is not PEM, not PKCS#10, badly signed, has no
   *     single CN, or uses a key other than EC or RSA of at least 2048 bits
   */
  public static CertificateRequest parse(String pem) {
    PKCS10CertificationRequest csr;
    try {
      csr = Pem.certificateRequest(pem, "csr_pem");
    } catch (PemException e) {
      throw TrustException.invalid(e.getMessage());
    }
    try {
      JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
      PublicKey key = jca.getPublicKey();
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        throw TrustException.invalid("csr_pem: the signature does not match its public key");
      }
      requireUsableKey(key);
      return new CertificateRequest(commonName(csr.getSubject()), key);
    } catch (OperatorCreationException | PKCSException | java.security.GeneralSecurityException e) {
      throw TrustException.invalid("csr_pem: cannot verify the request's signature or key");
    }
  }

  /** SHA-256 (hex) of the encoded public key: what an admin compares before approving. */
  public String publicKeySha256() {
    return Pem.fingerprint(publicKey);
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void requireUsableKey(PublicKey key) {
    boolean ok =
        key instanceof ECPublicKey
            || (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048);
    if (!ok) {
      throw TrustException.invalid(
          "csr_pem: the key must be EC (P-256) or RSA of 2048 bits or more");
    }
  }

  private static String commonName(X500Name subject) {
    RDN[] cns = subject.getRDNs(BCStyle.CN);
    if (cns.length != 1) {
      throw TrustException.invalid("csr_pem: the subject must have exactly one CN (the name)");
    }
    return IETFUtils.valueToString(cns[0].getFirst().getValue());
  }
}
