package dev.eden.common.pem;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM text to and from JCA objects, for both sides of eden's trust: certificates, private keys
 * (PKCS#8 or SEC1), PKCS#10 requests, the fingerprints tokens and admins compare, and the node's EC
 * P-256 key pair. Parse failures are {@link PemException}s that name {@code what} (the field or
 * file), never the input.
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
        throw new PemException(what + " must contain only PEM certificates");
      }
      try {
        certs.add(converter.getCertificate(holder));
      } catch (CertificateException e) {
        throw new PemException(what + " holds an unreadable certificate");
      }
    }
    return certs;
  }

  /** The first certificate in {@code pem}. */
  public static X509Certificate certificate(String pem, String what) {
    return certificates(pem, what).get(0);
  }

  /** A private key in PKCS#8 ("PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") form. */
  public static PrivateKey privateKey(String pem, String what) {
    List<Object> objects = objects(pem, what);
    if (objects.size() != 1) {
      throw new PemException(what + " must hold exactly one PEM private key");
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
      throw new PemException(what + " holds an unreadable private key");
    }
    throw new PemException(what + " is not a PEM private key");
  }

  /** A PKCS#10 certificate signing request. */
  public static PKCS10CertificationRequest certificateRequest(String pem, String what) {
    List<Object> objects = objects(pem, what);
    if (objects.size() != 1 || !(objects.get(0) instanceof PKCS10CertificationRequest csr)) {
      throw new PemException(
          what + " is not a PEM-encoded PKCS#10 certificate request (BEGIN CERTIFICATE REQUEST)");
    }
    return csr;
  }

  /**
   * A new ECDSA P-256 key pair; the private key never leaves this process except to a 0600 file.
   */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is missing from this JVM", e);
    }
  }

  /** A PEM PKCS#10 request with subject {@code CN=<name>}, signed by {@code pair}. */
  public static String certificateRequest(KeyPair pair, String name) {
    try {
      var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
      var csr =
          new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      return encode(csr);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a certificate request", e);
    }
  }

  /** SHA-256 (hex) of a certificate's DER encoding: what a token's CA hash pins. */
  public static String fingerprint(X509Certificate cert) {
    try {
      return sha256Hex(cert.getEncoded());
    } catch (CertificateException e) {
      throw new IllegalStateException("cannot encode a certificate", e);
    }
  }

  /** SHA-256 (hex) of a public key's encoding: what an admin compares before approving. */
  public static String fingerprint(PublicKey key) {
    return sha256Hex(key.getEncoded());
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static List<Object> objects(String pem, String what) {
    List<Object> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        out.add(o);
      }
    } catch (IOException | RuntimeException e) {
      throw new PemException(what + " is not valid PEM");
    }
    if (out.isEmpty()) {
      throw new PemException(what + " is empty or not PEM");
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
