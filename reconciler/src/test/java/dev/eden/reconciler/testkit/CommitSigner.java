package dev.eden.reconciler.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Signs commits in test repositories as git does: SSH keys made by {@code ssh-keygen} (signing with
 * {@code ssh-keygen -Y sign -n git}, what {@code git commit -S} runs for {@code gpg.format=ssh})
 * and OpenPGP keys made with BouncyCastle.
 */
public final class CommitSigner {

  private CommitSigner() {}

  /** Makes a signature of a commit's payload. */
  @FunctionalInterface
  public interface Signer {
    byte[] sign(byte[] payload);
  }

  /**
   * An ed25519 key pair in files.
   *
   * @param privateKey the private key file
   * @param publicKey {@code ssh-ed25519 AAAA... comment}
   */
  public record SshKey(Path privateKey, String publicKey) implements Signer {
    /** A line of an allowed-signers file for this key. */
    public String allowedSigner(String principal) {
      return principal + " " + publicKey;
    }

    @Override
    public byte[] sign(byte[] payload) {
      try {
        Path file = Files.createTempFile(privateKey.getParent(), "payload", "");
        Files.write(file, payload);
        run(
            List.of(
                "ssh-keygen",
                "-q",
                "-Y",
                "sign",
                "-n",
                "git",
                "-f",
                privateKey.toString(),
                file.toString()));
        return Files.readAllBytes(Path.of(file + ".sig"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Makes an ed25519 key with {@code ssh-keygen} in {@code dir}. */
  public static SshKey sshKey(Path dir, String name) {
    try {
      Files.createDirectories(dir);
      Path key = dir.resolve(name);
      run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString()));
      return new SshKey(key, Files.readString(Path.of(key + ".pub")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An OpenPGP RSA key pair.
   *
   * @param pair the keys
   * @param armoredPublic the public key ring, ASCII armored (what {@code gpg --export -a} prints)
   */
  public record PgpKey(PGPKeyPair pair, String armoredPublic) implements Signer {
    @Override
    public byte[] sign(byte[] payload) {
      try {
        PGPSignatureGenerator gen =
            new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
                pair.getPublicKey());
        gen.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
        gen.update(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
          gen.generate().encode(armor);
        }
        return out.toByteArray();
      } catch (PGPException | IOException e) {
        throw new IllegalStateException("signing with OpenPGP", e);
      }
    }
  }

  /**
   * Makes an OpenPGP key for {@code userId}, created at {@code created}, valid for {@code validFor}
   * (zero: no expiry).
   */
  public static PgpKey pgpKey(String userId, Instant created, Duration validFor) {
    try {
      RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
      rsa.init(
          new RSAKeyGenerationParameters(
              BigInteger.valueOf(0x10001), new SecureRandom(), 2048, 80));
      PGPKeyPair pair =
          new BcPGPKeyPair(
              PublicKeyPacket.VERSION_4,
              PGPPublicKey.RSA_GENERAL,
              rsa.generateKeyPair(),
              Date.from(created));
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
      if (!validFor.isZero()) {
        hashed.setKeyExpirationTime(false, validFor.toSeconds());
      }
      PGPKeyRingGenerator rings =
          new PGPKeyRingGenerator(
              PGPSignature.POSITIVE_CERTIFICATION,
              pair,
              userId,
              new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1),
              hashed.generate(),
              null,
              new BcPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
              null);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
        rings.generatePublicKeyRing().encode(armor);
      }
      return new PgpKey(pair, out.toString(StandardCharsets.US_ASCII));
    } catch (PGPException | IOException e) {
      throw new IllegalStateException("making an OpenPGP key", e);
    }
  }

  /**
   * Replaces the head of {@code main} in the repository at {@code dir} by the same commit signed by
   * {@code signer} (its parents, tree and message unchanged).
   *
   * @return the signed commit's sha
   */
  public static String signHead(Path dir, Signer signer) {
    return rewriteHead(dir, null, signer);
  }

  /**
   * Replaces the head of {@code main} by a commit with another message that carries the old head's
   * signature: a signature that does not match its commit.
   */
  public static String tamperHead(Path dir, String message) {
    return rewriteHead(dir, message, null);
  }

  private static String rewriteHead(Path dir, String message, Signer signer) {
    try (Repository repo = new FileRepositoryBuilder().findGitDir(dir.toFile()).build();
        RevWalk walk = new RevWalk(repo);
        ObjectInserter inserter = repo.newObjectInserter()) {
      RevCommit head = walk.parseCommit(repo.resolve("refs/heads/main"));
      CommitBuilder c = new CommitBuilder();
      c.setTreeId(head.getTree());
      c.setParentIds(head.getParents());
      c.setAuthor(head.getAuthorIdent());
      c.setCommitter(head.getCommitterIdent());
      c.setMessage(message == null ? head.getFullMessage() : message);
      if (signer != null) {
        c.setGpgSignature(new GpgSignature(signer.sign(c.build())));
      } else {
        c.setGpgSignature(new GpgSignature(head.getRawGpgSignature()));
      }
      ObjectId id = inserter.insert(c);
      inserter.flush();
      RefUpdate update = repo.updateRef("refs/heads/main");
      update.setNewObjectId(id);
      update.forceUpdate();
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
