package dev.eden.reconciler.source;

import dev.eden.schema.load.SourceTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one branch of one repository through a bare clone in {@code <data-dir>/git}, reused
 * across restarts. A fetch force-updates the remote-tracking ref, so a rewritten history simply
 * gives a new head.
 */
public final class GitSource implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);
  private static final int FETCH_TIMEOUT_SECONDS = 60;
  private static final Pattern URL_PASSWORD = Pattern.compile("://[^/@:\\s]+:([^/@\\s]+)@");

  private final GitSourceConfig config;
  private final Repository repository;
  private final Redactor redactor;
  private final String remote;
  private final boolean hosted;

  private GitSource(GitSourceConfig config, Repository repository, String remote, boolean hosted) {
    this.config = config;
    this.repository = repository;
    this.remote = remote;
    this.hosted = hosted;
    this.redactor = new Redactor(List.of(config.token(), urlPassword(remote)));
  }

  /**
   * Opens the bare clone, creating it when absent (the first fetch fills it).
   *
   * @throws UncheckedIOException when the git directory cannot be created or read
   */
  public static GitSource open(GitSourceConfig config) {
    try {
      Path dir = config.gitDir();
      Repository repo = FileRepositoryBuilder.create(dir.toFile());
      if (!Files.exists(dir.resolve("HEAD"))) {
        repo.create(true);
      }
      return new GitSource(config, repo, remoteUri(config.repo()), false);
    } catch (IOException e) {
      throw new UncheckedIOException("opening git dir " + config.gitDir(), e);
    }
  }

  /**
   * Opens the repository the reconciler hosts ({@code --hosted}): pushes move {@code
   * refs/heads/<branch>} of the bare repository in {@code gitDir} and nothing is fetched. A clone
   * made before by {@code --repo} is taken over: its last fetched head becomes the branch.
   *
   * @throws UncheckedIOException when the git directory cannot be created or read
   */
  public static GitSource hosted(GitSourceConfig config) {
    try {
      Path dir = config.gitDir();
      Repository repo = FileRepositoryBuilder.create(dir.toFile());
      if (!Files.exists(dir.resolve("HEAD"))) {
        repo.create(true);
      }
      GitSource source = new GitSource(config, repo, dir.toString(), true);
      source.adoptFetchedHead();
      return source;
    } catch (IOException e) {
      throw new UncheckedIOException("opening hosted repository " + config.gitDir(), e);
    }
  }

  private void adoptFetchedHead() throws IOException {
    String branch = "refs/heads/" + config.branch();
    ObjectId fetched = repository.resolve("refs/remotes/origin/" + config.branch());
    if (repository.resolve(branch) == null && fetched != null) {
      RefUpdate update = repository.updateRef(branch);
      update.setNewObjectId(fetched);
      update.update();
      LOG.info("event=hosted_adopted_clone branch={} head={}", config.branch(), fetched.name());
    }
    RefUpdate head = repository.updateRef("HEAD");
    head.link(branch);
  }

  /** True when the reconciler hosts the repository and takes pushes. */
  public boolean hosted() {
    return hosted;
  }

  /** The password in {@code scheme://user:password@host/...}, "" when there is none. */
  private static String urlPassword(String url) {
    Matcher m = URL_PASSWORD.matcher(url);
    return m.find() ? m.group(1) : "";
  }

  private static String remoteUri(String repo) {
    if (isUrl(repo)) {
      return repo;
    }
    Path local = Path.of(repo);
    return Files.isDirectory(local) ? local.toAbsolutePath().normalize().toString() : repo;
  }

  private static boolean isUrl(String repo) {
    return repo.contains("://") || repo.matches("^[^/]+@[^/]+:.*");
  }

  private boolean isSsh() {
    return remote.startsWith("ssh://") || remote.matches("^[^/]+@[^/]+:.*");
  }

  /** The repository with credentials removed, for messages. */
  public String displayName() {
    return redactor.apply(remote);
  }

  public GitSourceConfig config() {
    return config;
  }

  public Redactor redactor() {
    return redactor;
  }

  /** The bare repository itself: what the hosted Git server and the verifier read and write. */
  public Repository repository() {
    return repository;
  }

  /** Fetches the branch and returns its head; never throws for network or auth failures. */
  public FetchResult fetch() {
    if (hosted) {
      return head()
          .<FetchResult>map(FetchResult.Head::new)
          .orElseGet(
              () ->
                  new FetchResult.Failed(
                      "nothing pushed to branch "
                          + config.branch()
                          + " yet: git push http://HOST:HTTP-PORT/git "
                          + config.branch()));
    }
    if (isSsh() && SshSessionFactory.getInstance() == null) {
      return new FetchResult.Failed(
          "ssh transport is not available in this build; use https with EDEN_GIT_TOKEN or a"
              + " local path: "
              + displayName());
    }
    try (Git git = Git.wrap(repository)) {
      git.fetch()
          .setRemote(remote)
          .setRefSpecs(new RefSpec("+refs/heads/" + config.branch() + ":" + trackingRef()))
          .setCredentialsProvider(credentials())
          .setTimeout(FETCH_TIMEOUT_SECONDS)
          .call();
      return head()
          .<FetchResult>map(FetchResult.Head::new)
          .orElseGet(
              () ->
                  new FetchResult.Failed(
                      "branch " + config.branch() + " not found in " + displayName()));
    } catch (GitAPIException | RuntimeException e) {
      String reason = redactor.apply(describe(e));
      LOG.warn("event=git_fetch_failed repo={} reason=\"{}\"", displayName(), reason);
      return new FetchResult.Failed(reason);
    }
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
        text.append(": ").append(c.getMessage());
      }
    }
    return text.toString();
  }

  private CredentialsProvider credentials() {
    return config.token().isEmpty()
        ? null
        : new UsernamePasswordCredentialsProvider("x-access-token", config.token());
  }

  private String trackingRef() {
    return hosted ? "refs/heads/" + config.branch() : "refs/remotes/origin/" + config.branch();
  }

  /** The last fetched head, without touching the network (empty before the first fetch). */
  public Optional<GitCommit> head() {
    try {
      ObjectId id = repository.resolve(trackingRef());
      if (id == null) {
        return Optional.empty();
      }
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit c = walk.parseCommit(id);
        return Optional.of(
            new GitCommit(
                id.name(), c.getShortMessage(), Instant.ofEpochSecond(c.getCommitTime())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + trackingRef(), e);
    }
  }

  /**
   * Fetches one ref of the remote ({@code refs/pull/5/head}) into {@code refs/eden/<ref>} of the
   * clone, for previews; the watched branch and its tracking ref are left as they are.
   *
   * @return the commit the ref points at now, or why it could not be fetched
   */
  public FetchResult fetchRef(String remoteRef) {
    String local = "refs/eden/" + remoteRef.replaceFirst("^refs/", "");
    try (Git git = Git.wrap(repository)) {
      git.fetch()
          .setRemote(remote)
          .setRefSpecs(new RefSpec("+" + remoteRef + ":" + local))
          .setCredentialsProvider(credentials())
          .setTimeout(FETCH_TIMEOUT_SECONDS)
          .call();
      ObjectId id = repository.resolve(local);
      if (id == null) {
        return new FetchResult.Failed(remoteRef + " not found in " + displayName());
      }
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit c = walk.parseCommit(id);
        return new FetchResult.Head(
            new GitCommit(
                id.name(), c.getShortMessage(), Instant.ofEpochSecond(c.getCommitTime())));
      }
    } catch (GitAPIException | IOException | RuntimeException e) {
      String reason = redactor.apply(describe(e));
      LOG.warn(
          "event=git_fetch_failed repo={} ref={} reason=\"{}\"", displayName(), remoteRef, reason);
      return new FetchResult.Failed("fetching " + remoteRef + ": " + reason);
    }
  }

  /** Whether {@code sha} is a commit in the clone. */
  public boolean hasCommit(String sha) {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.parseCommit(ObjectId.fromString(sha));
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The commit where {@code sha} left the watched branch as last fetched (their merge base): what a
   * pull request's changes are measured against. Empty when the branch was never fetched or they
   * share no history.
   */
  public Optional<String> mergeBase(String sha) {
    try (RevWalk walk = new RevWalk(repository)) {
      ObjectId branch = repository.resolve(trackingRef());
      if (branch == null) {
        return Optional.empty();
      }
      walk.setRevFilter(org.eclipse.jgit.revwalk.filter.RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(branch));
      walk.markStart(walk.parseCommit(ObjectId.fromString(sha)));
      RevCommit base = walk.next();
      return Optional.ofNullable(base).map(RevCommit::name);
    } catch (IOException e) {
      throw new UncheckedIOException("finding the merge base of " + sha, e);
    }
  }

  /**
   * The files of {@code sha} below the configured sub-path.
   *
   * @throws IOException when the commit is not in the clone
   */
  public SourceTree tree(String sha) throws IOException {
    return CommitTree.of(repository, ObjectId.fromString(sha), config.path());
  }

  @Override
  public void close() {
    repository.close();
  }
}
