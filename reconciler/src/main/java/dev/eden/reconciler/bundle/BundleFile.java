package dev.eden.reconciler.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.BundleWriter;

/**
 * An offline bundle file: a zip holding {@code manifest} (a {@link Manifest}), {@code manifest.sig}
 * (an SSH signature of the manifest, namespace {@value SshSignatures#NAMESPACE}; optional) and
 * {@code git.bundle} (a Git bundle of one ref, as {@code git bundle} makes).
 */
public record BundleFile(
    Manifest manifest, byte[] manifestBytes, Optional<byte[]> signature, byte[] gitBundle) {

  static final String MANIFEST = "manifest";
  static final String SIGNATURE = "manifest.sig";
  static final String GIT_BUNDLE = "git.bundle";

  /**
   * Bundles {@code ref} of {@code repo}, with only the commits after {@code since} when given.
   *
   * @param ref a branch name ({@code main}) or a full ref name
   * @throws BundleRefused when the ref or {@code since} is not in the repository
   */
  public static BundleFile create(
      Repository repo, String ref, Optional<String> since, Instant now) {
    try (RevWalk walk = new RevWalk(repo)) {
      Ref found = repo.exactRef(ref.startsWith("refs/") ? ref : "refs/heads/" + ref);
      if (found == null || found.getObjectId() == null) {
        throw new BundleRefused("--ref " + ref + ": no such branch in " + repo.getDirectory());
      }
      BundleWriter writer = new BundleWriter(repo);
      writer.include(found.getName(), found.getObjectId());
      if (since.isPresent()) {
        writer.assume(parse(walk, repo, since.get()));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      writer.writeBundle(NullProgressMonitor.INSTANCE, out);
      byte[] bundle = out.toByteArray();
      Manifest manifest =
          new Manifest(found.getName(), found.getObjectId().name(), sha256(bundle), now);
      return new BundleFile(manifest, manifest.bytes(), Optional.empty(), bundle);
    } catch (IOException e) {
      throw new UncheckedIOException("bundling " + ref + ": " + e.getMessage(), e);
    }
  }

  private static RevCommit parse(RevWalk walk, Repository repo, String rev) throws IOException {
    ObjectId id = repo.resolve(rev);
    if (id == null) {
      throw new BundleRefused("--since " + rev + ": no such commit in " + repo.getDirectory());
    }
    try {
      return walk.parseCommit(id);
    } catch (MissingObjectException e) {
      throw new BundleRefused("--since " + rev + ": no such commit in " + repo.getDirectory(), e);
    }
  }

  /** This file, signed with {@code signature} (of {@link #manifestBytes}). */
  public BundleFile withSignature(byte[] signature) {
    return new BundleFile(manifest, manifestBytes, Optional.of(signature), gitBundle);
  }

  /** The file's bytes. */
  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      put(zip, MANIFEST, manifestBytes);
      if (signature.isPresent()) {
        put(zip, SIGNATURE, signature.get());
      }
      put(zip, GIT_BUNDLE, gitBundle);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  /**
   * Reads a bundle file and checks its manifest and SHA-256 (not the signature).
   *
   * @param name the file's name, for messages
   * @throws BundleRefused for a truncated or corrupted file, a bad manifest or a wrong SHA-256
   */
  public static BundleFile read(String name, byte[] file) {
    byte[] manifest = null;
    byte[] signature = null;
    byte[] bundle = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        byte[] bytes = zip.readAllBytes();
        switch (e.getName()) {
          case MANIFEST -> manifest = bytes;
          case SIGNATURE -> signature = bytes;
          case GIT_BUNDLE -> bundle = bytes;
          default -> throw new BundleRefused(name + ": unexpected entry " + e.getName());
        }
      }
    } catch (ZipException | java.io.EOFException e) {
      throw new BundleRefused(
          name + ": truncated or corrupted (" + e.getMessage() + "); copy it again", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (manifest == null || bundle == null) {
      throw new BundleRefused(
          name
              + ": truncated or not a bundle file (no "
              + (manifest == null ? MANIFEST : GIT_BUNDLE)
              + "); make it with eden bundle create and copy it again");
    }
    Manifest m;
    try {
      m = Manifest.parse(manifest);
    } catch (BundleRefused e) {
      throw new BundleRefused(name + ": " + e.getMessage(), e);
    }
    String actual = sha256(bundle);
    if (!actual.equals(m.sha256())) {
      throw new BundleRefused(
          name
              + ": SHA-256 of git.bundle is "
              + actual
              + ", the manifest says "
              + m.sha256()
              + ": the file is corrupted; copy it again");
    }
    return new BundleFile(m, manifest, Optional.ofNullable(signature), bundle);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
