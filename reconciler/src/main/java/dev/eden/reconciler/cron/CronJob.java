package dev.eden.reconciler.cron;

import dev.eden.proto.Origin;
import dev.eden.reconciler.dispatch.Origins;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec.CronJobSpec;
import java.util.List;
import java.util.Objects;

/** One CronJob of the accepted revision. */
public record CronJob(String namespace, String name, CronJobSpec spec) {

  public CronJob {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(spec, "spec");
  }

  /** The CronJobs among a revision's objects. */
  public static List<CronJob> of(List<Manifest> objects) {
    return objects.stream()
        .filter(m -> m.kind() == Kind.CRON_JOB)
        .map(
            m ->
                new CronJob(
                    m.metadata().namespace().orElse(""),
                    m.metadata().name(),
                    m.spec(CronJobSpec.class)))
        .toList();
  }

  /** {@code namespace/name}: the key of its persisted state. */
  public String id() {
    return namespace + "/" + name;
  }

  /** What its dispatches are started by: {@code CronJob/namespace/name}. */
  public Origin origin() {
    return Origins.cronJob(namespace, name);
  }

  /** Its TaskBooks in the order they run, each {@code namespace/name} as the dispatcher wants. */
  public List<String> taskBooks() {
    return spec.taskBooks().stream().map(t -> namespace + "/" + t).toList();
  }

  /** What a change of schedule is recognised by: the expression and its zone. */
  public String fingerprint() {
    return spec.schedule() + " " + spec.timeZone().getId();
  }
}
