package dev.eden.reconciler.trust;

import dev.eden.common.pem.Pem;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A client's key pair, its CSR and TLS contexts, as an agent or the CLI would make them. */
public record TestKeys(KeyPair pair, String name) {

  public static TestKeys of(String name) {
    return new TestKeys(Pem.newKeyPair(), name);
  }

  public String csr() {
    return csrFor(name);
  }

  String csrFor(String commonName) {
    try {
      var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
      return Pem.encode(
          new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** mTLS presenting {@code cert}, trusting {@code ca}. */
  SslContext mutualTls(X509Certificate ca, X509Certificate cert) {
    try {
      return GrpcSslContexts.forClient()
          .trustManager(ca)
          .keyManager(pair.getPrivate(), cert)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Server-authenticated TLS only. */
  static SslContext serverOnlyTls(X509Certificate ca) {
    try {
      return GrpcSslContexts.forClient().trustManager(ca).build();
    } catch (SSLException e) {
      throw new IllegalStateException(e);
    }
  }
}
