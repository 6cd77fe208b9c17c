package dev.eden.reconciler.trust;

import dev.eden.common.pem.Pem;
import dev.eden.common.pem.PemException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's certificate authority (ECDSA P-256): signs the server certificate, node
 * certificates (identity {@code eden://node/<name>}) and user certificates ({@code
 * eden://user/<name>?role=...}). Validity checks use the injected {@link Clock}.
 */
public final class CertificateAuthority {

  public static final String CERT_FILE = "ca.crt";
  public static final String KEY_FILE = "ca.key";
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration BACKDATE = Duration.ofMinutes(5);
  private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);

  private final X509Certificate certificate;
  private final PrivateKey key;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private CertificateAuthority(X509Certificate certificate, PrivateKey key, Clock clock) {
    this.certificate = certificate;
    this.key = key;
    this.clock = clock;
  }

  /** Loads {@code ca.crt}/{@code ca.key} from {@code pkiDir}, creating them on first start. */
  public static CertificateAuthority loadOrCreate(Path pkiDir, Clock clock) {
    Path cert = pkiDir.resolve(CERT_FILE);
    Path key = pkiDir.resolve(KEY_FILE);
    if (Files.exists(cert) && Files.exists(key)) {
      return load(cert, key, clock);
    }
    CertificateAuthority ca = create("eden CA", clock);
    PrivateFiles.write(key, Pem.encode(ca.key));
    PrivateFiles.writePublic(cert, Pem.encode(ca.certificate));
    log.info("event=ca-created dir={} fingerprint={}", pkiDir, ca.fingerprint());
    return ca;
  }

  /**
   * Loads an operator-supplied CA ({@code --ca-cert}, {@code --ca-key}).
   *
   * @throws TrustException INVALID_REQUEST when the files are not a CA certificate and its key
   */
  public static CertificateAuthority load(Path certFile, Path keyFile, Clock clock) {
    X509Certificate cert;
    PrivateKey key;
    try {
      cert = Pem.certificate(PrivateFiles.read(certFile), certFile.toString());
      key = Pem.privateKey(PrivateFiles.read(keyFile), keyFile.toString());
    } catch (PemException e) {
      throw TrustException.invalid(e.getMessage());
    }
    if (cert.getBasicConstraints() < 0) {
      throw TrustException.invalid(certFile + " is not a CA certificate (basicConstraints)");
    }
    CertificateAuthority ca = new CertificateAuthority(cert, key, clock);
    ca.requireKeyMatches();
    return ca;
  }

  /** A new CA held in memory only. */
  public static CertificateAuthority create(String commonName, Clock clock) {
    KeyPair pair = Pem.newKeyPair();
    Instant now = clock.instant();
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  name,
                  serial(new SecureRandom()),
                  Date.from(now.minus(BACKDATE)),
                  Date.from(now.plus(CA_VALIDITY)),
                  name,
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(pair.getPublic()));
      return new CertificateAuthority(sign(b, pair.getPrivate()), pair.getPrivate(), clock);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create a CA certificate", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String certificatePem() {
    return Pem.encode(certificate);
  }

  /** SHA-256 (hex) of the CA certificate's DER encoding: the pin in bootstrap tokens. */
  public String fingerprint() {
    return Pem.fingerprint(certificate);
  }

  public Clock clock() {
    return clock;
  }

  /** The reconciler's TLS server certificate for the given DNS names and IP addresses. */
  public X509Certificate issueServer(PublicKey subject, List<String> sans, Duration validity) {
    GeneralName[] names =
        sans.stream()
            .distinct()
            .map(
                s ->
                    isIpLiteral(s)
                        ? new GeneralName(GeneralName.iPAddress, s)
                        : new GeneralName(GeneralName.dNSName, s))
            .toArray(GeneralName[]::new);
    return issue(subject, "eden reconciler", names, KeyPurposeId.id_kp_serverAuth, validity);
  }

  /** A node certificate: CN and URI SAN {@code eden://node/<node>}. */
  public X509Certificate issueNode(PublicKey subject, String node, Duration validity) {
    GeneralName uri =
        new GeneralName(GeneralName.uniformResourceIdentifier, SubjectNames.nodeUri(node));
    return issue(subject, node, new GeneralName[] {uri}, KeyPurposeId.id_kp_clientAuth, validity);
  }

  /** A user (CLI) certificate: CN and URI SAN {@code eden://user/<user>?role=<role>}. */
  public X509Certificate issueUser(PublicKey subject, String user, Role role, Duration validity) {
    GeneralName uri =
        new GeneralName(GeneralName.uniformResourceIdentifier, SubjectNames.userUri(user, role));
    return issue(subject, user, new GeneralName[] {uri}, KeyPurposeId.id_kp_clientAuth, validity);
  }

  /**
   * Checks that this CA signed {@code cert} and that it is valid now (by the injected clock).
   *
   * @throws TrustException UNAUTHENTICATED with the reason otherwise
   */
  public void verifyIssued(X509Certificate cert) {
    try {
      cert.verify(certificate.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw TrustException.unauthenticated("client certificate is not issued by this eden CA");
    }
    Instant now = clock.instant();
    if (now.isBefore(cert.getNotBefore().toInstant())) {
      throw TrustException.unauthenticated("client certificate is not valid yet");
    }
    if (now.isAfter(cert.getNotAfter().toInstant())) {
      throw TrustException.unauthenticated(
          "client certificate expired at " + cert.getNotAfter().toInstant() + "; enroll again");
    }
  }

  private X509Certificate issue(
      PublicKey subject,
      String commonName,
      GeneralName[] sans,
      KeyPurposeId purpose,
      Duration validity) {
    Instant now = clock.instant();
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  certificate,
                  serial(random),
                  Date.from(now.minus(BACKDATE)),
                  Date.from(now.plus(validity)),
                  name,
                  subject)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
              .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(certificate))
              .addExtension(
                  Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subject));
      return sign(b, key);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue a certificate", e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws CertificateException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key)));
    } catch (OperatorCreationException e) {
      throw new CertificateException("cannot sign with the CA key", e);
    }
  }

  private void requireKeyMatches() {
    X509Certificate probe = issueNode(Pem.newKeyPair().getPublic(), "probe", Duration.ofMinutes(1));
    try {
      probe.verify(certificate.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw TrustException.invalid("the CA key does not belong to the CA certificate");
    }
  }

  private static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> "SHA256withECDSA";
    };
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static boolean isIpLiteral(String s) {
    return s.matches("[0-9.]+") || s.contains(":");
  }
}
