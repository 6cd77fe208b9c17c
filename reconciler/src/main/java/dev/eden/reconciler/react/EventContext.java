package dev.eden.reconciler.react;

import dev.eden.common.proto.ProtoTime;
import dev.eden.proto.Event;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a TaskBook run by a Trigger sees as {@code event.*}: the newest matching event's {@code
 * reason}, {@code node}, {@code message}, {@code labels} and {@code object} ({@code kind}, {@code
 * namespace}, {@code name}); {@code count}, the occurrences that made the reaction; {@code
 * firstTime} and {@code lastTime}, when the first and the last of them arrived (ISO-8601); and
 * {@code events}, one map per occurrence, oldest first, each with the event's own {@code count},
 * {@code firstTime} and {@code lastTime} as stored.
 */
final class EventContext {

  private EventContext() {}

  static Map<String, Object> of(List<Occurrence> occurrences) {
    Occurrence newest = occurrences.get(occurrences.size() - 1);
    Map<String, Object> context = new LinkedHashMap<>(describe(newest.event()));
    context.put("count", occurrences.size());
    context.put("firstTime", occurrences.get(0).at().toString());
    context.put("lastTime", newest.at().toString());
    context.put("events", occurrences.stream().map(o -> eventMap(o.event())).toList());
    return context;
  }

  private static Map<String, Object> eventMap(Event e) {
    Map<String, Object> map = new LinkedHashMap<>(describe(e));
    map.put("count", e.getCount());
    map.put("firstTime", ProtoTime.toInstant(e.getFirstTime()).toString());
    map.put("lastTime", ProtoTime.toInstant(e.getLastTime()).toString());
    return map;
  }

  private static Map<String, Object> describe(Event e) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("reason", e.getReason());
    map.put("node", e.getNode());
    map.put("message", e.getMessage());
    map.put("labels", Collections.unmodifiableMap(new TreeMap<>(e.getLabelsMap())));
    map.put(
        "object",
        Map.of(
            "kind", e.getObject().getKind(),
            "namespace", e.getObject().getNamespace(),
            "name", e.getObject().getName()));
    return map;
  }
}
