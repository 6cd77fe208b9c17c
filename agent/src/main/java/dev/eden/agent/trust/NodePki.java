package dev.eden.agent.trust;

import dev.eden.common.pem.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The agent's files in {@code <data-dir>/pki/}: {@code node.key} (mode 0600, made here and never
 * sent), {@code node.csr} (while waiting for approval), {@code node.crt} (the chain the reconciler
 * signed) and {@code ca.crt}.
 */
public final class NodePki {

  private final Path dir;

  public NodePki(Path dir) {
    this.dir = dir;
  }

  /** {@code <dataDir>/pki}. */
  public static NodePki in(Path dataDir) {
    return new NodePki(dataDir.resolve("pki"));
  }

  public Path dir() {
    return dir;
  }

  public Path keyFile() {
    return dir.resolve("node.key");
  }

  public Path certFile() {
    return dir.resolve("node.crt");
  }

  public Path caFile() {
    return dir.resolve("ca.crt");
  }

  Path csrFile() {
    return dir.resolve("node.csr");
  }

  /** The stored credentials, when the node has enrolled. */
  public Optional<NodeCredentials> credentials() {
    if (!Files.exists(keyFile()) || !Files.exists(certFile()) || !Files.exists(caFile())) {
      return Optional.empty();
    }
    PrivateKey key = Pem.privateKey(read(keyFile()), keyFile().toString());
    List<X509Certificate> chain = Pem.certificates(read(certFile()), certFile().toString());
    X509Certificate ca = Pem.certificates(read(caFile()), caFile().toString()).get(0);
    return Optional.of(new NodeCredentials(key, chain, ca));
  }

  /**
   * The CSR waiting for approval, or a new key pair (written 0600) and its CSR for {@code node}.
   */
  String pendingCsr(String node) {
    if (Files.exists(csrFile()) && Files.exists(keyFile())) {
      return read(csrFile());
    }
    KeyPair pair = Pem.newKeyPair();
    writePrivate(keyFile(), Pem.encode(pair.getPrivate()));
    String csr = Pem.certificateRequest(pair, node);
    writePublic(csrFile(), csr);
    return csr;
  }

  /** Stores a signed chain and the CA; the CSR is no longer needed. */
  void store(String chainPem, X509Certificate ca) {
    writePublic(caFile(), Pem.encode(ca));
    writePublic(certFile(), chainPem);
    try {
      Files.deleteIfExists(csrFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + csrFile(), e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void writePrivate(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void writePublic(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
