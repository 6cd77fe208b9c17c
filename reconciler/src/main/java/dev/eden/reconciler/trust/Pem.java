package dev.eden.reconciler.trust;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM text to and from JCA objects. Parse failures throw {@link TrustException} with reason
 * INVALID_REQUEST and a message that names what was expected, never the input.
 */
public final class Pem {

  /** Used only to read key files; never registered as a JCA provider. */
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private Pem() {}

  /** PEM text of certificates, keys or CSRs, in the order given. */
  public static String encode(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        writer.writeObject(
            o instanceof PrivateKey k ? new PemObject("PRIVATE KEY", k.getEncoded()) : o);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write PEM", e);
    }
    return out.toString();
  }

  /** Every certificate in {@code pem}, in order; at least one. */
  public static List<X509Certificate> certificates(String pem, String what) {
    List<X509Certificate> certs = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (Object o : objects(pem, what)) {
      if (!(o instanceof X509CertificateHolder holder)) {
        throw TrustException.invalid(what + " must contain only PEM certificates");
      }
      try {
        certs.add(converter.getCertificate(holder));
      } catch (CertificateException e) {
        throw TrustException.invalid(what + " holds an unreadable certificate");
      }
    }
    if (certs.isEmpty()) {
      throw TrustException.invalid(what + " holds no PEM certificate");
    }
    return certs;
  }

  public static X509Certificate certificate(String pem, String what) {
    return certificates(pem, what).get(0);
  }

  /** A private key in PKCS#8 ("PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") form. */
  public static PrivateKey privateKey(String pem, String what) {
    List<Object> objects = objects(pem, what);
    if (objects.size() != 1) {
      throw TrustException.invalid(what + " must hold exactly one PEM private key");
    }
    try {
      Object o = objects.get(0);
      if (o instanceof PEMKeyPair pair) {
        return toJdk(pair.getPrivateKeyInfo());
      }
      if (o instanceof PrivateKeyInfo info) {
        return toJdk(info);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw TrustException.invalid(what + " holds an unreadable private key");
    }
    throw TrustException.invalid(what + " is not a PEM private key");
  }

  /** A PKCS#10 certificate signing request. */
  public static PKCS10CertificationRequest csr(String pem, String what) {
    List<Object> objects = objects(pem, what);
    if (objects.size() != 1 || !(objects.get(0) instanceof PKCS10CertificationRequest csr)) {
      throw TrustException.invalid(
          what + " is not a PEM-encoded PKCS#10 certificate request (BEGIN CERTIFICATE REQUEST)");
    }
    return csr;
  }

  private static List<Object> objects(String pem, String what) {
    List<Object> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        out.add(o);
      }
    } catch (IOException | RuntimeException e) {
      throw TrustException.invalid(what + " is not valid PEM");
    }
    if (out.isEmpty()) {
      throw TrustException.invalid(what + " is empty or not PEM");
    }
    return out;
  }

  /** Reads any PEM key form through BouncyCastle, then hands the JDK its PKCS#8 encoding. */
  private static PrivateKey toJdk(PrivateKeyInfo info)
      throws IOException, GeneralSecurityException {
    PrivateKey bc = new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(info);
    return KeyFactory.getInstance(bc.getAlgorithm().equals("ECDSA") ? "EC" : bc.getAlgorithm())
        .generatePrivate(new PKCS8EncodedKeySpec(bc.getEncoded()));
  }
}
