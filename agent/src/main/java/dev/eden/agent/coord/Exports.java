package dev.eden.agent.coord;

import dev.eden.proto.DeferredRef;
import dev.eden.proto.PlanStep;
import dev.eden.proto.PublishExportRequest;
import dev.eden.proto.ReadExportRequest;
import dev.eden.proto.ReadExportResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports of a step's namespace (a TaskBook "ops/web" publishes into "ops") and the resolution of
 * deferred references. Values are never logged.
 */
final class Exports {

  private static final Logger log = LoggerFactory.getLogger(Exports.class);

  private final CoordinationClient client;
  private final String node;
  private final Clock clock;
  private final StepCoordinator.Settings settings;

  Exports(CoordinationClient client, String node, Clock clock, StepCoordinator.Settings settings) {
    this.client = client;
    this.node = node;
    this.clock = clock;
    this.settings = settings;
  }

  DeferredValues resolve(PlanStep step, Map<String, String> outputs) throws CoordinationFailure {
    Map<String, String> values = new HashMap<>();
    for (DeferredRef ref : step.getDeferredList()) {
      switch (ref.getKind()) {
        case OUTPUT -> values.put(ref.getToken(), output(step, ref, outputs));
        case EXPORT -> values.put(ref.getToken(), read(step, ref.getName()));
        default ->
            throw new CoordinationFailure(
                CoordinationFailure.Reason.REJECTED, "unknown deferred reference " + ref.getKind());
      }
    }
    return new DeferredValues(values);
  }

  private static String output(PlanStep step, DeferredRef ref, Map<String, String> outputs)
      throws CoordinationFailure {
    String value = outputs.get(ref.getName());
    if (value == null) {
      throw new CoordinationFailure(
          CoordinationFailure.Reason.REJECTED,
          "step "
              + step.getId()
              + " reads the output of "
              + ref.getName()
              + ", which has none here");
    }
    return value;
  }

  String read(PlanStep step, String name) throws CoordinationFailure {
    Instant deadline = clock.instant().plus(settings.exportTimeout());
    ReadExportRequest req =
        ReadExportRequest.newBuilder()
            .setNamespace(namespace(step))
            .setName(name)
            .setNode(node)
            .setWaitMs(settings.pollWait().toMillis())
            .build();
    while (true) {
      ReadExportResponse reply = client.call("read export " + name, s -> s.readExport(req));
      if (reply.getFound()) {
        return reply.getValue();
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new CoordinationFailure(
            CoordinationFailure.Reason.TIMEOUT,
            "export " + name + " was not published within " + settings.exportTimeout());
      }
    }
  }

  void publish(PlanStep step, String output) throws CoordinationFailure {
    if (!step.hasExport() || step.getExport().getName().isEmpty()) {
      return;
    }
    PublishExportRequest req =
        PublishExportRequest.newBuilder()
            .setNamespace(namespace(step))
            .setName(step.getExport().getName())
            .setValue(output)
            .setVisibleTo(step.getExport().getVisibleTo())
            .setNode(node)
            .build();
    client.call("publish export " + req.getName(), s -> s.publishExport(req));
    log.info("event=export_published step={} node={} export={}", step.getId(), node, req.getName());
  }

  static String namespace(PlanStep step) {
    String taskbook = step.getTaskbook();
    int slash = taskbook.indexOf('/');
    return slash < 0 ? taskbook : taskbook.substring(0, slash);
  }
}
