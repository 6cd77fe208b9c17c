package dev.eden.reconciler.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.RawParseUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the signatures of the commits a new revision brings: SSH signatures against an OpenSSH
 * allowed-signers file (JGit's verifier, as {@code git verify-commit} with {@code gpg.format=ssh})
 * and OpenPGP signatures against a file of public keys. Both files are read again when they change.
 */
public final class CommitVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(CommitVerifier.class);
  private static final byte[] GPGSIG = {'g', 'p', 'g', 's', 'i', 'g'};

  /**
   * One commit and what its signature showed.
   *
   * @param sha the commit
   * @param subject the first line of its message
   */
  public record CommitCheck(String sha, String subject, SignatureCheck result) {
    /** {@code abc1234 "subject": unsigned}. */
    public String describe() {
      return sha.substring(0, Math.min(12, sha.length()))
          + " \""
          + subject
          + "\": "
          + result.describe();
    }
  }

  private final VerificationConfig config;
  private final GpgConfig ssh;
  private String keysDigest = "";
  private OpenPgpKeys keys;

  private CommitVerifier(VerificationConfig config) {
    this.config = config;
    Config c = new Config();
    config.allowedSigners().ifPresent(p -> c.setString("gpg", "ssh", "allowedSignersFile", abs(p)));
    this.ssh = new GpgConfig(c);
  }

  private static String abs(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }

  /**
   * A verifier for {@code config}; reads its files now so that a wrong path fails at start-up.
   *
   * @throws IllegalArgumentException when a file cannot be read or holds no key
   */
  public static CommitVerifier open(VerificationConfig config) {
    CommitVerifier v = new CommitVerifier(config);
    for (Path p : config.allowedSigners().stream().toList()) {
      if (!Files.isReadable(p)) {
        throw new IllegalArgumentException("cannot read allowed signers file " + p);
      }
    }
    try {
      v.openPgpKeys();
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return v;
  }

  public VerificationConfig config() {
    return config;
  }

  /**
   * A SHA-256 over both files: it changes when the allowed signers or keys do.
   *
   * @throws UncheckedIOException when a file cannot be read
   */
  public String signersDigest() {
    MessageDigest sha = sha256();
    try {
      for (Optional<Path> p : List.of(config.allowedSigners(), config.gpgKeys())) {
        sha.update(p.isPresent() ? Files.readAllBytes(p.get()) : new byte[0]);
        sha.update((byte) 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the allowed signers: " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Checks what {@code head} brings after {@code since} (the last accepted commit): every commit
   * reachable from head and not from since in mode ALL, only head in mode HEAD or when nothing was
   * accepted before (the head's signer vouches for the whole tree). Newest first.
   *
   * @throws IOException when the commits cannot be read
   */
  public List<CommitCheck> verify(GitSource source, Optional<String> since, String head)
      throws IOException {
    Repository repo = source.repository();
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit tip = walk.parseCommit(ObjectId.fromString(head));
      if (config.mode() == VerificationConfig.Mode.HEAD || since.isEmpty()) {
        return List.of(check(repo, tip));
      }
      walk.markStart(tip);
      try {
        walk.markUninteresting(walk.parseCommit(ObjectId.fromString(since.get())));
      } catch (MissingObjectException e) {
        LOG.warn("event=verify_base_missing since={} head={}", since.get(), head);
        return List.of(check(repo, tip));
      }
      List<CommitCheck> checks = new ArrayList<>();
      for (RevCommit c : walk) {
        checks.add(check(repo, c));
      }
      return checks;
    }
  }

  /**
   * Checks the one commit {@code sha}.
   *
   * @throws IOException when it cannot be read
   */
  public CommitCheck verifyOne(GitSource source, String sha) throws IOException {
    try (RevWalk walk = new RevWalk(source.repository())) {
      return check(source.repository(), walk.parseCommit(ObjectId.fromString(sha)));
    }
  }

  private CommitCheck check(Repository repo, RevCommit c) throws IOException {
    return new CommitCheck(c.name(), c.getShortMessage(), signature(repo, c));
  }

  private SignatureCheck signature(Repository repo, RevCommit c) throws IOException {
    byte[] sig = c.getRawGpgSignature();
    if (sig == null) {
      return new SignatureCheck.Unsigned();
    }
    GpgConfig.GpgFormat format = SignatureVerifiers.getFormat(sig);
    if (format == GpgConfig.GpgFormat.SSH) {
      return sshSignature(repo, c);
    }
    if (format == GpgConfig.GpgFormat.OPENPGP) {
      OpenPgpKeys pgp = openPgpKeys();
      return pgp == null
          ? new SignatureCheck.UnknownKey("OpenPGP key (no --verify-gpg-keys file is set)")
          : pgp.verify(unsignedBody(c.getRawBuffer()), sig);
    }
    return new SignatureCheck.BadSignature(
        "a signature eden cannot check (sign with an SSH or OpenPGP key)");
  }

  private SignatureCheck sshSignature(Repository repo, RevCommit c) throws IOException {
    if (config.allowedSigners().isEmpty()) {
      return new SignatureCheck.UnknownKey("SSH key (no --verify-commits allowed signers file)");
    }
    SignatureVerifier.SignatureVerification v = SignatureVerifiers.verify(repo, ssh, c);
    if (v == null) {
      return new SignatureCheck.BadSignature("SSH signatures cannot be checked in this build");
    }
    String key = v.keyFingerprint() == null ? "(unreadable key)" : v.keyFingerprint();
    if (v.verified()) {
      return new SignatureCheck.Verified(v.keyUser(), key);
    }
    if (v.expired()) {
      return new SignatureCheck.ExpiredKey(key, String.valueOf(v.message()));
    }
    if (v.trustLevel() == SignatureVerifier.TrustLevel.UNKNOWN) {
      return new SignatureCheck.UnknownKey(key);
    }
    return new SignatureCheck.BadSignature(
        v.message() == null ? "the SSH signature does not match the commit" : v.message());
  }

  /** The raw commit without its gpgsig header: what was signed. */
  private static byte[] unsignedBody(byte[] raw) {
    int start = RawParseUtils.headerStart(GPGSIG, raw, 0);
    if (start < 0) {
      return raw;
    }
    int end = RawParseUtils.nextLfSkippingSplitLines(raw, start);
    start -= GPGSIG.length + 1;
    if (end < raw.length) {
      end++;
    }
    byte[] data = new byte[raw.length - (end - start)];
    System.arraycopy(raw, 0, data, 0, start);
    System.arraycopy(raw, end, data, start, raw.length - end);
    return data;
  }

  /** The OpenPGP keys, read again when the file changed; null when none are configured. */
  private synchronized OpenPgpKeys openPgpKeys() throws IOException {
    if (config.gpgKeys().isEmpty()) {
      return null;
    }
    Path file = config.gpgKeys().get();
    byte[] bytes = Files.readAllBytes(file);
    String digest = HexFormat.of().formatHex(sha256().digest(bytes));
    if (!digest.equals(keysDigest)) {
      keys = OpenPgpKeys.read(file);
      keysDigest = digest;
    }
    return keys;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
