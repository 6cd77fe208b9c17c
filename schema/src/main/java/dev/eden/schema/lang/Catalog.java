package dev.eden.schema.lang;

import static dev.eden.schema.lang.Field.optional;
import static dev.eden.schema.lang.Field.required;
import static dev.eden.schema.lang.Field.withDefault;

import dev.eden.schema.lang.FieldType.Choice;
import dev.eden.schema.lang.FieldType.Count;
import dev.eden.schema.lang.FieldType.ListOf;
import dev.eden.schema.lang.FieldType.Obj;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Spec;
import java.util.List;

/**
 * The manifest language in one place: the envelope, {@code metadata} and every kind's {@code spec}
 * with its parts. Checking, binding and the JSON Schema all read this description.
 */
public final class Catalog {

  public static final Part METADATA =
      Part.of(
          "ObjectMeta",
          "metadata",
          "Name, namespace, labels and annotations of an object.",
          required("name", FieldType.OBJECT_NAME, "Lowercase letters, digits, '-' and '.'."),
          optional("namespace", FieldType.NAMESPACE, "Namespaced kinds only."),
          optional("labels", FieldType.TEXT_MAP, "Labels of the object."),
          optional("annotations", FieldType.TEXT_MAP, "Free-form notes."));

  public static final Part ENVELOPE =
      Part.of(
          "Manifest",
          "object",
          "An eden object.",
          withDefault(
              "apiVersion",
              new Choice("apiVersion", List.of(Kind.API_VERSION)),
              Kind.API_VERSION,
              "Version of the manifest language; may be left out."),
          required("kind", new Choice("kind", Kind.wireNames()), "The kind of object."),
          required("metadata", new Obj(METADATA), "Name and labels."),
          optional("spec", FieldType.FREE_MAP, "What the object wants; depends on the kind."));

  static final Part TARGETS =
      Part.of(
          "Targets",
          "targets",
          "The union of nodeGroups and nodes, filtered by selector; a selector alone targets every"
              + " node it matches.",
          optional("nodeGroups", FieldType.TEXT_LIST, "NodeGroups by name."),
          optional("nodes", FieldType.TEXT_LIST, "Nodes by name."),
          optional("selector", FieldType.SELECTOR, "Label selector."));

  static final Part RETRY =
      Part.of(
          "Retry",
          "retry",
          "Try again every interval, at most limit times.",
          required("interval", FieldType.POSITIVE_DURATION, "Time between tries."),
          required("limit", new Count(1), "Most tries."));

  static final Part CONDITION =
      Part.of(
          "Condition",
          "condition",
          "A CEL condition with an optional retry.",
          required("condition", FieldType.TEXT, "A CEL expression."),
          optional("retry", new Obj(RETRY), "Retry until it holds."));

  static final Part CONDITIONS =
      Part.of(
          "Conditions",
          "conditions",
          "When the step runs and when it succeeded.",
          optional("when", new Obj(CONDITION), "Run the step only when this holds."),
          optional("success", new Obj(CONDITION), "The step succeeded when this holds."));

  static final Part SERIALIZE =
      Part.of(
          "Serialize",
          "serialize",
          "At most count nodes at a time.",
          required("count", new Count(1), "Nodes at a time."));

  static final Part RUN_TARGET =
      Part.of(
              "RunTarget",
              "target",
              "Run on at most limit of the nodes matching selector (the others adopt the result);"
                  + " a selector alone narrows the step to the matching nodes.",
              optional("limit", new Count(1), "Most nodes."),
              optional("selector", FieldType.SELECTOR, "Among these nodes."))
          .needingOneOf("limit", "selector");

  static final Part RUN_OPTIONS =
      Part.of(
          "RunOptions",
          "runOptions",
          "How the step runs across nodes.",
          optional("serialize", new Obj(SERIALIZE), "A semaphore."),
          withDefault("sync", FieldType.BOOL, false, "A barrier after the step."),
          optional("syncTimeout", FieldType.POSITIVE_DURATION, "How long the barrier waits."),
          optional("target", new Obj(RUN_TARGET), "Run on some nodes only."));

  static final Part EXPORT =
      Part.of(
          "Export",
          "export",
          "Publish the step's output to other nodes.",
          required("name", FieldType.TEXT, "Export name."),
          optional("visibleTo", FieldType.SELECTOR, "Nodes that may read it."));

  public static final Part STEP =
      Part.of(
          "Step",
          "step",
          "One step of a TaskBook.",
          required("name", FieldType.TEXT, "Unique within the TaskBook."),
          required("action", ActionCatalog.ACTION_NAME, "What the agent does."),
          optional("parameters", FieldType.FREE_MAP, "The action's parameters."),
          optional("forEach", FieldType.TEXT, "Repeat over a list or map, e.g. vars.apps."),
          optional("requires", FieldType.TEXT_LIST, "Steps that must run first."),
          optional("conditions", new Obj(CONDITIONS), "Conditions."),
          optional("runOptions", new Obj(RUN_OPTIONS), "Coordination across nodes."),
          optional("export", new Obj(EXPORT), "Publish the output."),
          withDefault("sensitive", FieldType.BOOL, false, "Hide parameters and output."));

  static final Part CHECK =
      Part.of(
          "Check",
          "check",
          "The action a beacon runs.",
          required(
              "action",
              ActionCatalog.CHECK_NAME,
              "An action (run dry; cmd.run runs for real), http.get or expression."),
          optional("parameters", FieldType.FREE_MAP, "The action's parameters."));

  static final Part EMIT =
      Part.of(
          "Emit",
          "emit",
          "The event a beacon emits.",
          required("reason", FieldType.TEXT, "Event reason, CamelCase."),
          withDefault(
              "on", Choice.of("emit.on", Spec.EmitOn.class, false), "failure", "When to emit."));

  static final Part EVENT_MATCH =
      Part.of(
          "EventMatch",
          "match",
          "Which events a trigger reacts to.",
          optional("reason", FieldType.TEXT, "Event reason."),
          optional("kind", FieldType.TEXT, "Kind of the object the event is about."),
          optional("name", FieldType.TEXT, "Name of the object the event is about."),
          optional("selector", FieldType.SELECTOR, "Labels of the emitting node."),
          optional("labels", FieldType.TEXT_MAP, "Labels of the event."));

  static final Part WAIT_FOR_MORE =
      Part.of(
          "WaitForMore",
          "waitForMore",
          "Debounce: wait for more events before reacting.",
          required("timeout", FieldType.POSITIVE_DURATION, "How long to wait."),
          withDefault("resetTimeoutOnMore", FieldType.BOOL, false, "Restart on each event."));

  static final Part TRIGGER_RUN =
      Part.of(
          "TriggerRun",
          "run",
          "Which TaskBook to run, and where.",
          required("taskBook", FieldType.OBJECT_NAME, "A TaskBook of the same namespace."),
          withDefault("on", FieldType.EMITTERS_OR_SELECTOR, "emitters", "Where to run it."));

  static final Part OBJECT_REF =
      Part.of(
          "ObjectRef",
          "object",
          "The object an event is about.",
          required("kind", FieldType.TEXT, "Kind."),
          optional("namespace", FieldType.TEXT, "Namespace."),
          required("name", FieldType.TEXT, "Name."));

  private Catalog() {}

  /** The {@code spec} of {@code kind}. */
  public static Part spec(Kind kind) {
    return switch (kind) {
      case NODE_GROUP -> KindSpecs.NODE_GROUP;
      case NODE -> KindSpecs.NODE;
      case CONFIG -> KindSpecs.CONFIG;
      case CLUSTER_VARIABLE -> KindSpecs.CLUSTER_VARIABLE;
      case CLUSTER_EVENT, EVENT -> KindSpecs.EVENT;
      case TASK_BOOK -> KindSpecs.TASK_BOOK;
      case VARIABLE -> KindSpecs.VARIABLE;
      case CRON_JOB -> KindSpecs.CRON_JOB;
      case BEACON -> KindSpecs.BEACON;
      case TRIGGER -> KindSpecs.TRIGGER;
    };
  }

  /** Whether an object of {@code kind} must have a {@code spec}. */
  public static boolean specRequired(Kind kind) {
    return kind != Kind.NODE && kind != Kind.CONFIG;
  }

  /** Every part reachable from the envelope and the kinds' specs, for the JSON Schema. */
  public static List<Part> kindSpecs() {
    return List.of(
        KindSpecs.NODE_GROUP,
        KindSpecs.NODE,
        KindSpecs.CONFIG,
        KindSpecs.CLUSTER_VARIABLE,
        KindSpecs.EVENT,
        KindSpecs.TASK_BOOK,
        KindSpecs.VARIABLE,
        KindSpecs.CRON_JOB,
        KindSpecs.BEACON,
        KindSpecs.TRIGGER);
  }

  static FieldType listOf(Part part) {
    return new ListOf(new Obj(part));
  }
}
