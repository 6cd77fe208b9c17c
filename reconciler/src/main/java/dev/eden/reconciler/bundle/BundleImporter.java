package dev.eden.reconciler.bundle;

import dev.eden.reconciler.hosted.CandidateCheck;
import dev.eden.reconciler.source.GitCommit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportBundleStream;
import org.eclipse.jgit.transport.URIish;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a bundle file into the hosted repository as a validated push: manifest, signature (when
 * commits are verified), SHA-256 and prerequisites first, then the bundle is fetched into a
 * temporary ref, its tip goes through the same {@link CandidateCheck} as a push, and only then the
 * branch moves and the revision rolls out. A refusal leaves the branch and the served revision as
 * they were.
 */
public final class BundleImporter {

  private static final Logger LOG = LoggerFactory.getLogger(BundleImporter.class);
  private static final String TEMP_REF = "refs/eden/bundle-import";

  /**
   * How bundles are taken.
   *
   * @param branch the served branch, the only one a bundle may move
   * @param allowForcePush accept a tip that is not a fast-forward
   * @param maxSize the largest Git bundle, in bytes ({@code --max-push-size})
   * @param allowedSigners who may sign manifests, when commits are verified
   * @param verifying commits are verified ({@code --verify-commits} or {@code --verify-gpg-keys})
   */
  public record Settings(
      String branch,
      boolean allowForcePush,
      long maxSize,
      Optional<Path> allowedSigners,
      boolean verifying) {}

  /**
   * What an import did.
   *
   * @param changed the branch moved to {@code tip}
   * @param errors the located errors of a refusal; empty otherwise
   */
  public record Result(boolean changed, String tip, String summary, List<String> errors) {
    static Result refused(String tip, List<String> errors) {
      return new Result(false, tip, "refused: the served revision is unchanged", errors);
    }
  }

  private final Repository repository;
  private final Settings settings;
  private final CandidateCheck check;
  private final Runnable rollOut;
  private final ReentrantLock imports = new ReentrantLock();

  /**
   * @param rollOut processes the new head of the branch (after an accepted import)
   */
  public BundleImporter(
      Repository repository, Settings settings, CandidateCheck check, Runnable rollOut) {
    this.repository = repository;
    this.settings = settings;
    this.check = check;
    this.rollOut = rollOut;
  }

  /** Imports one bundle file, one at a time. */
  public Result importFile(String name, byte[] file) {
    imports.lock();
    try {
      BundleFile bundle = BundleFile.read(name, file);
      return importChecked(name, bundle);
    } catch (BundleRefused e) {
      LOG.warn("event=bundle_refused file={} errors=\"{}\"", name, e.getMessage());
      return Result.refused("", e.errors());
    } finally {
      imports.unlock();
    }
  }

  private Result importChecked(String name, BundleFile bundle) {
    Manifest m = bundle.manifest();
    String branchRef = "refs/heads/" + settings.branch();
    if (!m.ref().equals(branchRef)) {
      throw new BundleRefused(
          name + ": the bundle carries " + m.ref() + ", but only " + branchRef + " is served here");
    }
    if (bundle.gitBundle().length > settings.maxSize()) {
      throw new BundleRefused(
          name
              + ": git.bundle is "
              + bundle.gitBundle().length
              + " bytes, over --max-push-size "
              + settings.maxSize());
    }
    String signer = checkSignature(name, bundle);
    Optional<ObjectId> head = head(branchRef);
    if (head.isPresent() && head.get().name().equals(m.tip())) {
      LOG.info("event=bundle_already_imported file={} tip={}", name, m.tip());
      return new Result(false, m.tip(), "already at " + m.tip(), List.of());
    }
    checkPrerequisites(name, bundle.gitBundle(), head);
    try {
      fetch(name, bundle.gitBundle(), m);
      if (head.isPresent() && contains(head.get(), ObjectId.fromString(m.tip()))) {
        String summary = "already at " + head.get().name() + ", which contains " + m.tip();
        return new Result(false, m.tip(), summary, List.of());
      }
      List<String> errors = rules(head, ObjectId.fromString(m.tip()));
      if (!errors.isEmpty()) {
        LOG.warn("event=bundle_refused file={} tip={} errors={}", name, m.tip(), errors.size());
        return Result.refused(m.tip(), errors);
      }
      move(branchRef, head, ObjectId.fromString(m.tip()));
    } finally {
      deleteTempRef();
    }
    LOG.info("event=bundle_imported file={} tip={} signer={}", name, m.tip(), signer);
    rollOut.run();
    return new Result(true, m.tip(), "imported " + m.tip() + "; rolling it out", List.of());
  }

  /** The signer's principal, "" when nothing is verified. */
  private String checkSignature(String name, BundleFile bundle) {
    if (!settings.verifying()) {
      return "";
    }
    if (bundle.signature().isEmpty()) {
      throw new BundleRefused(
          name
              + ": the manifest is unsigned, but this reconciler verifies commits; make the bundle"
              + " with eden bundle create --sign-key KEY (a key in the allowed signers)");
    }
    Path signers =
        settings
            .allowedSigners()
            .orElseThrow(
                () ->
                    new BundleRefused(
                        name
                            + ": manifests are SSH-signed, but this reconciler has no"
                            + " --verify-commits ALLOWED_SIGNERS to check them against"));
    try {
      return SshSignatures.verify(signers, bundle.manifestBytes(), bundle.signature().get());
    } catch (BundleRefused e) {
      throw new BundleRefused(name + ": " + e.getMessage(), e);
    }
  }

  private void checkPrerequisites(String name, byte[] gitBundle, Optional<ObjectId> head) {
    List<String> missing = new ArrayList<>();
    for (BundleHeader.Prerequisite p : BundleHeader.read(name, gitBundle).prerequisites()) {
      if (!has(p.id())) {
        missing.add(p.id().name() + (p.comment().isEmpty() ? "" : " (" + p.comment() + ")"));
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String since =
        head.map(h -> "make the bundle again with --since " + h.name() + " (what this site serves)")
            .orElse("make the bundle again without --since (this site has no commits yet)");
    List<String> errors = new ArrayList<>();
    errors.add(name + ": the bundle needs commits this site does not have; " + since + ":");
    missing.forEach(id -> errors.add("  missing " + id));
    throw new BundleRefused(errors);
  }

  private boolean has(ObjectId id) {
    try {
      return repository.getObjectDatabase().has(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void fetch(String name, byte[] gitBundle, Manifest m) {
    try (Transport t =
        new TransportBundleStream(
            repository, new URIish().setPath(name), new ByteArrayInputStream(gitBundle))) {
      t.setCheckFetchedObjects(true);
      t.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + m.ref() + ":" + TEMP_REF)));
    } catch (IOException e) {
      throw new BundleRefused(
          name + ": git.bundle is truncated or corrupted (" + e.getMessage() + "); copy it again",
          e);
    }
    ObjectId fetched = head(TEMP_REF).orElse(ObjectId.zeroId());
    if (!fetched.name().equals(m.tip())) {
      throw new BundleRefused(
          name
              + ": git.bundle's "
              + m.ref()
              + " is "
              + fetched.name()
              + ", the manifest says "
              + m.tip());
    }
  }

  private boolean contains(ObjectId head, ObjectId tip) {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.isMergedInto(walk.parseCommit(tip), walk.parseCommit(head));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The push rules: a fast-forward (unless --allow-force-push) whose tip passes the check. */
  private List<String> rules(Optional<ObjectId> head, ObjectId tip) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit c = walk.parseCommit(tip);
      if (head.isPresent()
          && !settings.allowForcePush()
          && !walk.isMergedInto(walk.parseCommit(head.get()), c)) {
        return List.of(
            "non-fast-forward bundle refused: "
                + tip.name()
                + " does not contain the served "
                + head.get().name()
                + "; bundle a branch based on it, or run the reconciler with"
                + " --allow-force-push");
      }
      return check.errors(
          new GitCommit(c.name(), c.getShortMessage(), Instant.ofEpochSecond(c.getCommitTime())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void move(String branchRef, Optional<ObjectId> head, ObjectId tip) {
    try {
      RefUpdate u = repository.updateRef(branchRef);
      u.setExpectedOldObjectId(head.orElse(ObjectId.zeroId()));
      u.setNewObjectId(tip);
      u.setForceUpdate(settings.allowForcePush());
      u.setRefLogMessage("eden bundle import", false);
      RefUpdate.Result r = u.update();
      if (r != RefUpdate.Result.NEW
          && r != RefUpdate.Result.FAST_FORWARD
          && r != RefUpdate.Result.FORCED) {
        throw new BundleRefused(
            branchRef + " could not move (" + r + "): a push came in meanwhile; import again");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<ObjectId> head(String ref) {
    try {
      return Optional.ofNullable(repository.exactRef(ref)).map(r -> r.getObjectId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void deleteTempRef() {
    try {
      RefUpdate u = repository.updateRef(TEMP_REF);
      u.setForceUpdate(true);
      u.delete();
    } catch (IOException e) {
      LOG.warn("event=bundle_temp_ref_left ref={} error=\"{}\"", TEMP_REF, e.toString());
    }
  }
}
