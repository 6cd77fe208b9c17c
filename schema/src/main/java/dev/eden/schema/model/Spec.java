package dev.eden.schema.model;

import dev.eden.schema.SourcePos;
import dev.eden.schema.select.LabelSelector;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed {@code spec} of each kind. Optional parts are {@link Optional}; lists are never null.
 */
public sealed interface Spec {

  /** {@code NodeGroup}: nodes chosen by a label selector, an explicit list, or both (union). */
  record NodeGroupSpec(
      Optional<LabelSelector> selector, List<String> nodes, Optional<Value.Map> vars)
      implements Spec {
    public NodeGroupSpec {
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * {@code Node}: static labels (and node-scoped variables) for a named server. {@code labels} are
   * its {@code metadata.labels} together with {@code spec.labels}, their alias.
   */
  record NodeSpec(Map<String, String> labels, Optional<Value.Map> vars) implements Spec {
    public NodeSpec {
      labels = Map.copyOf(labels);
    }
  }

  /** {@code Config}: reconciler settings and defaults for runs. */
  record ConfigSpec(
      Optional<Duration> poll, Optional<Duration> agentInterval, Optional<Duration> syncTimeout)
      implements Spec {}

  /** {@code ClusterVariable}: values for every node (or those the selector matches). */
  record ClusterVariableSpec(Optional<LabelSelector> selector, Value.Map values) implements Spec {}

  /**
   * {@code Variable}: namespaced values. Scoped to nodes matching {@code selector}; or, more
   * narrowly, to {@code nodeGroups} or named {@code nodes}, which also raises its precedence.
   */
  record VariableSpec(
      Optional<LabelSelector> selector,
      List<String> nodeGroups,
      List<String> nodes,
      Value.Map values)
      implements Spec {
    public VariableSpec {
      nodeGroups = List.copyOf(nodeGroups);
      nodes = List.copyOf(nodes);
    }
  }

  /** {@code TaskBook}: ordered steps and the nodes they target. */
  record TaskBookSpec(
      Mode mode,
      boolean suspend,
      Approval approval,
      Targets targets,
      Optional<Value.Map> vars,
      List<Step> steps)
      implements Spec {
    public TaskBookSpec {
      steps = List.copyOf(steps);
    }
  }

  /**
   * {@code CronJob}: runs one or more TaskBooks on a schedule, in order. {@code taskBooks} holds
   * {@code taskBook} when that spelling was used; it is never empty.
   */
  record CronJobSpec(
      String schedule,
      ZoneId timeZone,
      List<String> taskBooks,
      Optional<LabelSelector> selector,
      ConcurrencyPolicy concurrencyPolicy,
      MisfirePolicy misfirePolicy,
      boolean suspend)
      implements Spec {
    public CronJobSpec {
      taskBooks = List.copyOf(taskBooks);
    }
  }

  /** {@code Beacon}: a periodic check run by agents that emits events. */
  record BeaconSpec(Targets targets, Duration interval, Check check, Emit emit) implements Spec {}

  /** {@code Trigger}: runs a TaskBook when matching events arrive. */
  record TriggerSpec(
      EventMatch match,
      int minOccurrences,
      Optional<Duration> window,
      Optional<Duration> reReactDelay,
      Optional<WaitForMore> waitForMore,
      TriggerRun run)
      implements Spec {}

  /** {@code Event} and {@code ClusterEvent}: runtime records, normally written by eden itself. */
  record EventSpec(
      EventType type,
      String reason,
      Optional<ObjectRef> object,
      Optional<String> node,
      String message,
      Map<String, String> labels)
      implements Spec {
    public EventSpec {
      labels = Map.copyOf(labels);
    }
  }

  // ---- parts -------------------------------------------------------------------------------

  /** TaskBook {@code mode}. */
  enum Mode {
    CONVERGE,
    ONCE,
    MANUAL
  }

  /** TaskBook {@code approval}: {@code auto} rolls out at once, {@code manual} waits. */
  enum Approval {
    AUTO,
    MANUAL
  }

  /** CronJob {@code concurrencyPolicy}, as Kubernetes CronJobs. */
  enum ConcurrencyPolicy {
    FORBID,
    ALLOW,
    REPLACE
  }

  /** CronJob {@code misfirePolicy}: after downtime, fire once ({@code runOnce}) or {@code skip}. */
  enum MisfirePolicy {
    RUN_ONCE,
    SKIP
  }

  /** Event {@code type}. */
  enum EventType {
    NORMAL,
    WARNING
  }

  /** Beacon {@code emit.on}. */
  enum EmitOn {
    FAILURE,
    RECOVERY,
    CHANGE,
    ALWAYS
  }

  /**
   * Which nodes a TaskBook or Beacon targets: the union of {@code nodeGroups} and {@code nodes},
   * filtered by {@code selector}; a selector alone targets every node it matches.
   */
  record Targets(List<String> nodeGroups, List<String> nodes, Optional<LabelSelector> selector) {
    public Targets {
      nodeGroups = List.copyOf(nodeGroups);
      nodes = List.copyOf(nodes);
    }

    public static Targets none() {
      return new Targets(List.of(), List.of(), Optional.empty());
    }
  }

  /** One TaskBook step. {@code parameters} keep their positions for template errors. */
  record Step(
      String name,
      String action,
      Value.Map parameters,
      Optional<Value.Scalar> forEach,
      List<String> requires,
      Optional<Conditions> conditions,
      RunOptions runOptions,
      Optional<Export> export,
      boolean sensitive,
      SourcePos pos) {
    public Step {
      requires = List.copyOf(requires);
    }
  }

  /** {@code runOptions}. */
  record RunOptions(
      Optional<Integer> serializeCount,
      boolean sync,
      Optional<Duration> syncTimeout,
      Optional<RunTarget> target) {
    public static RunOptions none() {
      return new RunOptions(Optional.empty(), false, Optional.empty(), Optional.empty());
    }
  }

  /**
   * {@code runOptions.target}: with a {@code limit}, run on at most that many of the nodes matching
   * {@code selector} (the others adopt the result); with a selector alone, only the matching nodes
   * have the step.
   */
  record RunTarget(Optional<Integer> limit, Optional<LabelSelector> selector) {}

  /** {@code export}: publish the step's output under {@code name} to nodes {@code visibleTo}. */
  record Export(String name, Optional<LabelSelector> visibleTo) {}

  /** {@code conditions}. */
  record Conditions(Optional<Condition> when, Optional<Condition> success) {}

  /** One CEL condition with an optional retry. */
  record Condition(String expression, SourcePos pos, Optional<Retry> retry) {}

  /** {@code retry}: try again every {@code interval}, at most {@code limit} times. */
  record Retry(Duration interval, int limit) {}

  /** Beacon {@code check}: an action and its parameters. */
  record Check(String action, Value.Map parameters) {}

  /** Beacon {@code emit}. */
  record Emit(String reason, EmitOn on) {}

  /** Trigger {@code match}. */
  record EventMatch(
      Optional<String> reason,
      Optional<String> kind,
      Optional<String> name,
      Optional<LabelSelector> selector,
      Map<String, String> labels) {
    public EventMatch {
      labels = Map.copyOf(labels);
    }
  }

  /** Trigger {@code waitForMore}: debounce. */
  record WaitForMore(Duration timeout, boolean resetTimeoutOnMore) {}

  /** Trigger {@code run}: which TaskBook, on the emitters or on nodes matching a selector. */
  record TriggerRun(String taskBook, Optional<LabelSelector> selector) {
    /** True when the TaskBook runs on the nodes that emitted the events. */
    public boolean onEmitters() {
      return selector.isEmpty();
    }
  }

  /** A reference to another object, as events carry. */
  record ObjectRef(String kind, Optional<String> namespace, String name) {}
}
