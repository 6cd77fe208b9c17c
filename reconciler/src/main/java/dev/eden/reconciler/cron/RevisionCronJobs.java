package dev.eden.reconciler.cron;

import dev.eden.reconciler.pipeline.AcceptedRevision;
import dev.eden.reconciler.pipeline.AcceptedRevisions;
import java.util.Optional;

/** The CronJobs of the accepted revision, as the pipeline holds it (restored at start-up). */
public final class RevisionCronJobs implements CronJobSource {

  private final AcceptedRevisions accepted;
  private AcceptedRevision read;
  private Optional<Jobs> jobs = Optional.empty();

  public RevisionCronJobs(AcceptedRevisions accepted) {
    this.accepted = accepted;
  }

  @Override
  public synchronized Optional<Jobs> current() {
    Optional<AcceptedRevision> current = accepted.current();
    if (current.isEmpty()) {
      return Optional.empty();
    }
    if (current.get() != read) {
      read = current.get();
      jobs = Optional.of(new Jobs(read.id(), CronJob.of(read.admitted().objects())));
    }
    return jobs;
  }
}
