package dev.eden.reconciler.api;

import dev.eden.proto.CronJobInfo;
import dev.eden.proto.TriggerInfo;
import dev.eden.reconciler.cron.CronListing;
import dev.eden.reconciler.react.Triggers;
import java.util.List;
import java.util.Optional;

/**
 * The runtime objects the API lists that start after it (the CronJob scheduler and the Triggers):
 * set once each is up; until then they list nothing.
 */
public final class Listings {

  private volatile Optional<CronListing> cron = Optional.empty();
  private volatile Optional<Triggers> triggers = Optional.empty();

  public void cron(CronListing listing) {
    this.cron = Optional.of(listing);
  }

  public void triggers(Triggers started) {
    this.triggers = Optional.of(started);
  }

  List<CronJobInfo> cronJobs() {
    return cron.map(CronListing::list).orElse(List.of());
  }

  List<TriggerInfo> triggerInfos() {
    return triggers.map(Triggers::list).orElse(List.of());
  }
}
