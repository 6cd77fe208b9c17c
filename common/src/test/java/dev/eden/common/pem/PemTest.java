package dev.eden.common.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import org.junit.jupiter.api.Test;

class PemTest {

  @Test
  void keyAndRequestRoundTripThroughPem() {
    KeyPair pair = Pem.newKeyPair();

    PrivateKey read = Pem.privateKey(Pem.encode(pair.getPrivate()), "node.key");
    var csr = Pem.certificateRequest(Pem.certificateRequest(pair, "web-1"), "csr_pem");

    assertThat(read.getAlgorithm()).isEqualTo("EC");
    assertThat(((ECPrivateKey) read).getS()).isEqualTo(((ECPrivateKey) pair.getPrivate()).getS());
    assertThat(csr.getSubject().toString()).isEqualTo("CN=web-1");
    assertThat(Pem.fingerprint(pair.getPublic())).hasSize(64).matches("[0-9a-f]+");
  }

  @Test
  void badInputNamesTheFieldAndNeverEchoesIt() {
    KeyPair pair = Pem.newKeyPair();
    String key = Pem.encode(pair.getPrivate());

    assertThatThrownBy(() -> Pem.certificates("", "ca_pem"))
        .isInstanceOf(PemException.class)
        .hasMessage("ca_pem is empty or not PEM");
    assertThatThrownBy(() -> Pem.certificates(key, "ca_pem"))
        .hasMessage("ca_pem must contain only PEM certificates");
    assertThatThrownBy(() -> Pem.certificateRequest(key, "csr_pem"))
        .hasMessageContaining("csr_pem is not a PEM-encoded PKCS#10 certificate request")
        .hasMessageNotContaining("PRIVATE KEY-----");
    assertThatThrownBy(() -> Pem.privateKey(key + key, "node.key"))
        .hasMessage("node.key must hold exactly one PEM private key");
  }
}
