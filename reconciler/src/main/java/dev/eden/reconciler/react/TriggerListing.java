package dev.eden.reconciler.react;

import dev.eden.proto.TriggerInfo;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.schema.model.Spec;
import dev.eden.schema.select.LabelSelector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** One Trigger as {@code eden get triggers} shows it: what it matches, runs and waits for. */
final class TriggerListing {

  private TriggerListing() {}

  static TriggerInfo info(TriggerDefinition d, TriggerEngine engine, Instant now) {
    Spec.TriggerSpec spec = d.spec();
    TriggerInfo.Builder b =
        TriggerInfo.newBuilder()
            .setName(d.key())
            .setMatch(match(spec.match()))
            .setTaskbook(d.taskBook())
            .setRunOn(spec.run().selector().map(LabelSelector::toString).orElse("emitters"))
            .setWaitingFor(engine.waitingFor(now))
            .setCounted(engine.counted(now))
            .setMinOccurrences(Math.max(1, spec.minOccurrences()));
    engine.lastReaction().ifPresent(t -> b.setLastReaction(EventLog.timestamp(t)));
    engine.nextDeadline().ifPresent(t -> b.setDeadline(EventLog.timestamp(t)));
    return b.build();
  }

  /** {@code reason=MotdMissing selector=tier=web}: the given parts of {@code match}. */
  private static String match(Spec.EventMatch m) {
    List<String> parts = new ArrayList<>();
    m.reason().ifPresent(r -> parts.add("reason=" + r));
    m.kind().ifPresent(k -> parts.add("kind=" + k));
    m.name().ifPresent(n -> parts.add("name=" + n));
    m.selector().ifPresent(s -> parts.add("selector=" + s));
    new TreeMap<>(m.labels()).forEach((k, v) -> parts.add("labels." + k + "=" + v));
    return parts.isEmpty() ? "any event" : String.join(" ", parts);
  }
}
