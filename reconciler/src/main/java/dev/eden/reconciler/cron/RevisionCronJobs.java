package dev.eden.reconciler.cron;

import dev.eden.proto.RevisionInfo;
import dev.eden.reconciler.compile.Revision;
import dev.eden.reconciler.source.GitSource;
import dev.eden.reconciler.store.Store;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CronJobs of the store's current revision. They come from the compiler's last accepted
 * revision when it is that one; after a restart the compiler has none until something compiles, so
 * the revision's manifests are loaded from the Git clone (once per revision) instead.
 */
public final class RevisionCronJobs implements CronJobSource {

  private static final Logger LOG = LoggerFactory.getLogger(RevisionCronJobs.class);

  private final Store store;
  private final GitSource source;
  private final Supplier<Optional<Revision>> accepted;
  private String loadedRevision = "";
  private Optional<Jobs> loaded = Optional.empty();

  /**
   * @param accepted the compiler's last accepted revision ({@code
   *     ManifestRevisionCompiler::accepted} , or {@code Optional::empty} with another compiler)
   */
  public RevisionCronJobs(Store store, GitSource source, Supplier<Optional<Revision>> accepted) {
    this.store = store;
    this.source = source;
    this.accepted = accepted;
  }

  @Override
  public synchronized Optional<Jobs> current() {
    Optional<RevisionInfo> current = store.currentRevision();
    if (current.isEmpty()) {
      return Optional.empty();
    }
    String id = current.get().getId();
    Optional<Revision> compiled = accepted.get().filter(r -> r.id().equals(id));
    if (compiled.isPresent()) {
      return Optional.of(new Jobs(id, CronJob.of(compiled.get().objects())));
    }
    if (!id.equals(loadedRevision)) {
      load(current.get());
    }
    return loaded;
  }

  /**
   * Loads the revision's manifests. A revision that does not load (not a manifest repository) is
   * remembered as having no CronJobs; a clone that cannot be read is tried again on the next tick.
   */
  private void load(RevisionInfo revision) {
    try {
      LoadResult result = ManifestLoader.load(source.tree(revision.getCommit()));
      loadedRevision = revision.getId();
      loaded = Optional.empty();
      if (result.ok()) {
        loaded = Optional.of(new Jobs(revision.getId(), CronJob.of(result.objects())));
      } else {
        LOG.warn(
            "event=cron_jobs_not_loaded revision={} errors={}",
            revision.getId(),
            result.errors().size());
      }
    } catch (IOException e) {
      LOG.warn(
          "event=cron_jobs_not_loaded revision={} error=\"{}\"", revision.getId(), e.getMessage());
    }
  }
}
