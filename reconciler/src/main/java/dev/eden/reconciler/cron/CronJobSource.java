package dev.eden.reconciler.cron;

import java.util.List;
import java.util.Optional;

/** The CronJobs of the revision the reconciler serves now. */
@FunctionalInterface
public interface CronJobSource {

  /** The jobs and the revision they come from. */
  record Jobs(String revision, List<CronJob> jobs) {
    public Jobs {
      jobs = List.copyOf(jobs);
    }
  }

  /** Empty while no revision is known yet: the scheduler then waits and loses nothing. */
  Optional<Jobs> current();
}
