package dev.eden.schema.lang;

import static dev.eden.schema.lang.Field.optional;
import static dev.eden.schema.lang.Field.required;
import static dev.eden.schema.lang.Field.withDefault;

import dev.eden.schema.lang.FieldType.Choice;
import dev.eden.schema.lang.FieldType.Count;
import dev.eden.schema.lang.FieldType.Obj;
import dev.eden.schema.model.Spec;

/** The {@code spec} part of every kind (see {@link Catalog#spec}). */
final class KindSpecs {

  static final Part NODE_GROUP =
      Part.of(
              "NodeGroupSpec",
              "NodeGroup spec",
              "Nodes chosen by a label selector, an explicit list, or both (union).",
              optional("selector", FieldType.SELECTOR, "Label selector."),
              optional("nodes", FieldType.TEXT_LIST, "Nodes by name."),
              optional("vars", FieldType.FREE_MAP, "Variables for the group's nodes."))
          .needingOneOf("selector", "nodes");

  static final Part NODE =
      Part.of(
          "NodeSpec",
          "Node spec",
          "Static labels and variables for a named server.",
          optional(
              "labels",
              FieldType.TEXT_MAP,
              "Alias of metadata.labels (the node's labels); a key in both needs one value."),
          optional("vars", FieldType.FREE_MAP, "Variables for this node."));

  static final Part CONFIG =
      Part.of(
          "ConfigSpec",
          "Config spec",
          "Reconciler settings and defaults for runs.",
          optional("poll", FieldType.POSITIVE_DURATION, "How often to fetch the repository."),
          optional("agentInterval", FieldType.POSITIVE_DURATION, "How often agents apply."),
          optional("syncTimeout", FieldType.POSITIVE_DURATION, "Default barrier timeout."));

  static final Part CLUSTER_VARIABLE =
      Part.of(
          "ClusterVariableSpec",
          "ClusterVariable spec",
          "Values for every node, or for the nodes the selector matches.",
          optional("selector", FieldType.SELECTOR, "Label selector."),
          required("values", FieldType.FREE_MAP, "The values."));

  static final Part VARIABLE =
      Part.of(
          "VariableSpec",
          "Variable spec",
          "Namespaced values, scoped by selector, nodeGroups or nodes.",
          optional("selector", FieldType.SELECTOR, "Label selector."),
          optional("nodeGroups", FieldType.TEXT_LIST, "NodeGroups by name."),
          optional("nodes", FieldType.TEXT_LIST, "Nodes by name."),
          required("values", FieldType.FREE_MAP, "The values."));

  static final Part TASK_BOOK =
      Part.of(
          "TaskBookSpec",
          "TaskBook spec",
          "Ordered steps and the nodes they target.",
          withDefault(
              "mode", Choice.of("mode", Spec.Mode.class, false), "converge", "When it runs."),
          withDefault("suspend", FieldType.BOOL, false, "Stop without deleting."),
          withDefault(
              "approval",
              Choice.of("approval", Spec.Approval.class, false),
              "auto",
              "Roll out at once or wait for approval."),
          optional("targets", new Obj(Catalog.TARGETS), "Which nodes."),
          optional("vars", FieldType.FREE_MAP, "Variables, the narrowest scope."),
          required("steps", Catalog.listOf(Catalog.STEP), "The steps, in order."));

  static final Part CRON_JOB =
      Part.of(
              "CronJobSpec",
              "CronJob spec",
              "Runs one or more TaskBooks on a schedule, one after the other.",
              required("schedule", FieldType.CRON, "Cron expression (5 fields, or Quartz 6/7)."),
              withDefault("timeZone", FieldType.TIME_ZONE, "UTC", "Time zone of the schedule."),
              optional("taskBook", FieldType.OBJECT_NAME, "A TaskBook of the same namespace."),
              optional(
                  "taskBooks",
                  new FieldType.ListOf(FieldType.OBJECT_NAME),
                  "TaskBooks of the same namespace, run in order: each starts when the one"
                      + " before succeeded on all its nodes."),
              optional("selector", FieldType.SELECTOR, "Run on these of its nodes only."),
              withDefault(
                  "concurrencyPolicy",
                  Choice.of("concurrencyPolicy", Spec.ConcurrencyPolicy.class, true),
                  "Forbid",
                  "What to do when the previous run is still going."),
              withDefault(
                  "misfirePolicy",
                  Choice.of("misfirePolicy", Spec.MisfirePolicy.class, false),
                  "runOnce",
                  "After downtime: fire once, or skip."),
              withDefault("suspend", FieldType.BOOL, false, "Stop without deleting."))
          .needingExactlyOneOf("taskBook", "taskBooks");

  static final Part BEACON =
      Part.of(
          "BeaconSpec",
          "Beacon spec",
          "A periodic check run by agents that emits events.",
          required("targets", new Obj(Catalog.TARGETS), "Which nodes run the check."),
          required("interval", FieldType.POSITIVE_DURATION, "How often."),
          required("check", new Obj(Catalog.CHECK), "The check."),
          required("emit", new Obj(Catalog.EMIT), "The event."));

  static final Part TRIGGER =
      Part.of(
          "TriggerSpec",
          "Trigger spec",
          "Runs a TaskBook when matching events arrive.",
          required("match", new Obj(Catalog.EVENT_MATCH), "Which events."),
          withDefault("minOccurrences", new Count(1), 1, "Events needed within the window."),
          optional("window", FieldType.POSITIVE_DURATION, "Time window for minOccurrences."),
          optional("reReactDelay", FieldType.DURATION, "Quiet time after reacting."),
          optional("waitForMore", new Obj(Catalog.WAIT_FOR_MORE), "Debounce."),
          required("run", new Obj(Catalog.TRIGGER_RUN), "What to run."));

  static final Part EVENT =
      Part.of(
          "EventSpec",
          "Event spec",
          "A runtime event, normally written by eden itself.",
          withDefault(
              "type", Choice.of("event type", Spec.EventType.class, true), "Normal", "Severity."),
          required("reason", FieldType.TEXT, "CamelCase reason."),
          optional("object", new Obj(Catalog.OBJECT_REF), "What it is about."),
          optional("node", FieldType.TEXT, "The node it comes from."),
          withDefault("message", FieldType.TEXT, "", "Human-readable text."),
          optional("labels", FieldType.TEXT_MAP, "Labels."));

  private KindSpecs() {}
}
