package dev.eden.reconciler.react;

import dev.eden.common.Reason;
import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.Event;
import dev.eden.proto.TriggerInfo;
import dev.eden.reconciler.compile.Revision;
import dev.eden.reconciler.coord.NodeLabels;
import dev.eden.reconciler.dispatch.DispatchException;
import dev.eden.reconciler.dispatch.Dispatcher;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.pipeline.Subscription;
import dev.eden.reconciler.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs TaskBooks when events match a Trigger of the accepted revision: events from {@link
 * EventLog#watch} feed one {@link TriggerEngine} per Trigger, a reaction becomes a {@link
 * Dispatcher} request, and every decision becomes an event about the Trigger.
 *
 * <p>Threads: the EventLog's callers only hand events over; one loop thread owns the engines (it
 * also wakes up at debounce deadlines) and a second thread calls the Dispatcher, so a dispatch
 * never runs inside an EventLog callback and never inside another dispatch.
 *
 * <p>Loops: events about a Trigger (the ones this class emits: {@code TriggerReacted}, {@code
 * TriggerWaiting}, {@code TriggerSuppressed}, {@code TriggerFailed}) never feed any Trigger, so no
 * Trigger can react to its own bookkeeping or ping-pong with another.
 *
 * <p>The Triggers are read from the accepted revision whenever it changes: a Trigger whose spec is
 * unchanged keeps its state, a changed one starts afresh, a removed one is dropped. A restarted
 * reconciler has its revision before this starts (restored at start-up); only a fresh one, before
 * its first revision is accepted, keeps events, at most {@value #EARLY_EVENTS}, and offers them
 * with their arrival times once it is.
 */
public final class Triggers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Triggers.class);
  private static final int EARLY_EVENTS = 1000;
  private static final int SEEN_EVENTS = 10_000;

  private final EventLog events;
  private final Supplier<Optional<Revision>> revisions;
  private final NodeLabels labels;
  private final Dispatcher dispatcher;
  private final Store memory;
  private final Clock clock;
  private final ScheduledExecutorService loop;
  private final ExecutorService dispatching;
  private volatile Subscription subscription;

  // owned by the loop thread
  private final Map<String, Armed> armed = new LinkedHashMap<>();
  private final Deque<Occurrence> early = new ArrayDeque<>();
  private final Set<Long> seen = new LinkedHashSet<>();
  private Revision revision;
  private ScheduledFuture<?> wakeUp;

  private record Armed(TriggerDefinition definition, TriggerEngine engine) {}

  /** Reads a node's labels from the store once per event, however many Triggers ask. */
  private static final class OneLookup implements NodeLabels {
    private final NodeLabels labels;
    private final Map<String, Optional<Map<String, String>>> known = new HashMap<>();

    OneLookup(NodeLabels labels) {
      this.labels = labels;
    }

    @Override
    public Optional<Map<String, String>> of(String node) {
      return known.computeIfAbsent(node, labels::of);
    }
  }

  private Triggers(
      EventLog events,
      Supplier<Optional<Revision>> revisions,
      NodeLabels labels,
      Dispatcher dispatcher,
      Store memory,
      Clock clock) {
    this.events = events;
    this.revisions = revisions;
    this.labels = labels;
    this.dispatcher = dispatcher;
    this.memory = memory;
    this.clock = clock;
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "eden-triggers"));
    this.dispatching = Executors.newSingleThreadExecutor(r -> daemon(r, "eden-trigger-dispatch"));
  }

  /**
   * Starts watching events.
   *
   * @param revisions the accepted revision as admitted, read again whenever it may have changed
   *     (the reconciler calls {@link #tick} whenever a revision is published)
   * @param labels the labels each node registered with, for {@code match.selector}
   * @param memory where the last reaction of each Trigger is remembered across restarts
   * @param clock the reconciler's time: arrival of events and debounce deadlines
   */
  public static Triggers start(
      EventLog events,
      Supplier<Optional<Revision>> revisions,
      NodeLabels labels,
      Dispatcher dispatcher,
      Store memory,
      Clock clock) {
    Triggers triggers = new Triggers(events, revisions, labels, dispatcher, memory, clock);
    triggers.subscription = events.watch(triggers::arrived);
    triggers.tick();
    return triggers;
  }

  /**
   * Reads the revision again and reacts to every debounce deadline that passed. The loop calls it
   * at each deadline; a test that moves its clock calls it too.
   */
  public void tick() {
    submit(this::wakeUp);
  }

  /** What {@code eden get triggers} shows, read on the loop's thread; sorted by name. */
  public List<TriggerInfo> list() {
    try {
      return loop.submit(
              () -> {
                refresh();
                Instant now = clock.instant();
                return armed.values().stream()
                    .map(a -> TriggerListing.info(a.definition(), a.engine(), now))
                    .sorted(java.util.Comparator.comparing(TriggerInfo::getName))
                    .toList();
              })
          .get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing Triggers", e);
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      throw new IllegalStateException("Triggers could not be listed: " + e, e);
    }
  }

  /** Called by the EventLog on the thread that stored the event: only hands it over. */
  private void arrived(Event event) {
    if (EventKinds.TRIGGER.equals(event.getObject().getKind())) {
      return;
    }
    Instant at = clock.instant();
    submit(() -> handle(new Occurrence(event, at)));
  }

  private void submit(Runnable work) {
    try {
      loop.execute(() -> runSafely(work));
    } catch (RejectedExecutionException closed) {
      LOG.debug("event=trigger_work_dropped reason=closed");
    }
  }

  private static void runSafely(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.error("event=trigger_loop_failed error=\"{}\"", e.toString(), e);
    }
  }

  private void handle(Occurrence occurrence) {
    if (!firstTime(occurrence.event().getSeq())) {
      return;
    }
    refresh();
    if (revision == null) {
      early.addLast(occurrence);
      if (early.size() > EARLY_EVENTS) {
        early.removeFirst();
      }
      return;
    }
    offer(occurrence);
    scheduleWakeUp();
  }

  /** A resent event (an agent's outbox retrying) comes back with the seq it was stored with. */
  private boolean firstTime(long seq) {
    if (seq == 0) {
      return true;
    }
    if (!seen.add(seq)) {
      return false;
    }
    if (seen.size() > SEEN_EVENTS) {
      seen.remove(seen.iterator().next());
    }
    return true;
  }

  private void offer(Occurrence occurrence) {
    NodeLabels once = new OneLookup(labels);
    for (Armed a : armed.values()) {
      if (a.definition().matches(occurrence.event(), once)) {
        a.engine().offer(occurrence.event(), occurrence.at()).forEach(d -> act(a.definition(), d));
      }
    }
  }

  private void wakeUp() {
    refresh();
    Instant now = clock.instant();
    for (Armed a : armed.values()) {
      a.engine().due(now).ifPresent(r -> act(a.definition(), r));
    }
    scheduleWakeUp();
  }

  /** Arms the loop for the earliest debounce deadline, measured on the reconciler's clock. */
  private void scheduleWakeUp() {
    if (wakeUp != null) {
      wakeUp.cancel(false);
      wakeUp = null;
    }
    armed.values().stream()
        .map(a -> a.engine().nextDeadline())
        .flatMap(Optional::stream)
        .min(Instant::compareTo)
        .ifPresent(
            t -> {
              long delay = Math.max(0, Duration.between(clock.instant(), t).toMillis());
              wakeUp = loop.schedule(() -> runSafely(this::wakeUp), delay, TimeUnit.MILLISECONDS);
            });
  }

  // ---- the revision's Triggers ---------------------------------------------------------------

  private void refresh() {
    Optional<Revision> current = revisions.get();
    if (current.isEmpty() || current.get() == revision) {
      return;
    }
    revision = current.get();
    Map<String, Armed> before = new LinkedHashMap<>(armed);
    armed.clear();
    revision.objects().stream()
        .map(TriggerDefinition::of)
        .flatMap(Optional::stream)
        .forEach(d -> armed.put(d.key(), keepOrArm(before.get(d.key()), d)));
    if (!before.keySet().equals(armed.keySet())) {
      LOG.info("event=triggers_loaded revision={} triggers={}", revision.id(), armed.keySet());
    }
    while (!early.isEmpty()) {
      offer(early.removeFirst());
    }
  }

  private Armed keepOrArm(Armed before, TriggerDefinition definition) {
    if (before != null && before.definition().equals(definition)) {
      return before;
    }
    Optional<Instant> last = memory.lastTriggerReaction(definition.key(), definition.fingerprint());
    return new Armed(definition, new TriggerEngine(definition.spec(), last));
  }

  // ---- decisions -----------------------------------------------------------------------------

  private void act(TriggerDefinition trigger, Decision decision) {
    if (decision instanceof Decision.React reaction) {
      memory.saveTriggerReaction(trigger.key(), trigger.fingerprint(), reaction.at());
      react(trigger, reaction);
    } else if (decision instanceof Decision.NotYet notYet) {
      emit(trigger, Event.Type.NORMAL, Reason.TRIGGER_WAITING, notYet.why());
    } else if (decision instanceof Decision.Skipped skipped) {
      emit(trigger, Event.Type.NORMAL, Reason.TRIGGER_SUPPRESSED, skipped.why());
    }
  }

  private void react(TriggerDefinition trigger, Decision.React reaction) {
    if (trigger.spec().run().onEmitters() && reaction.nodes().isEmpty()) {
      emit(
          trigger,
          Event.Type.WARNING,
          Reason.TRIGGER_FAILED,
          "TaskBook "
              + trigger.taskBook()
              + " not run: the matching events name no node to run on"
              + " (run.on: emitters); give run.on a selector instead");
      return;
    }
    Dispatcher.Request request =
        new Dispatcher.Request(
            trigger.taskBook(),
            trigger.spec().run().selector(),
            reaction.nodes(),
            trigger.origin(),
            EventContext.of(reaction.occurrences()));
    int count = reaction.occurrences().size();
    String at = revisionId();
    try {
      dispatching.execute(() -> dispatch(trigger, request, count, at));
    } catch (RejectedExecutionException closed) {
      LOG.warn("event=trigger_reaction_dropped trigger={} reason=closed", trigger.key());
    }
  }

  private void dispatch(
      TriggerDefinition trigger, Dispatcher.Request request, int occurrences, String at) {
    try {
      DispatchStatus status = dispatcher.dispatch(request);
      Set<String> nodes =
          status.getNodesList().stream().map(DispatchNode::getNode).collect(Collectors.toSet());
      emit(
          trigger,
          Event.Type.NORMAL,
          Reason.TRIGGER_REACTED,
          "ran TaskBook "
              + request.taskBook()
              + " on "
              + trigger.where(nodes.isEmpty() ? request.nodes() : nodes)
              + " after "
              + occurrences
              + (occurrences == 1 ? " occurrence" : " occurrences")
              + ": dispatch "
              + status.getId(),
          at);
    } catch (DispatchException e) {
      emit(
          trigger,
          Event.Type.WARNING,
          Reason.TRIGGER_FAILED,
          "TaskBook " + request.taskBook() + " not run: " + e.getMessage(),
          at);
    } catch (RuntimeException e) {
      LOG.error("event=trigger_dispatch_crashed trigger={} error=\"{}\"", trigger.key(), e, e);
      emit(
          trigger,
          Event.Type.WARNING,
          Reason.TRIGGER_FAILED,
          "TaskBook " + request.taskBook() + " not run: " + e,
          at);
    }
  }

  /** On the loop thread, with the revision the loop knows. */
  private void emit(TriggerDefinition trigger, Event.Type type, Reason reason, String message) {
    emit(trigger, type, reason, message, revisionId());
  }

  private void emit(
      TriggerDefinition trigger, Event.Type type, Reason reason, String message, String at) {
    events.emit(type, reason, trigger.object(), "", at, message);
  }

  private String revisionId() {
    return revision == null ? "" : revision.id();
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /**
   * Waits until the work handed over before this call is done: the events, the decisions and the
   * dispatches they started. For tests that check that something did not happen.
   */
  void awaitQuiet(Duration timeout) {
    try {
      CompletableFuture.runAsync(() -> {}, loop)
          .thenRunAsync(() -> {}, dispatching)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("triggers did not settle within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for triggers", e);
    }
  }

  @Override
  public void close() {
    Subscription watching = subscription;
    if (watching != null) {
      watching.close();
    }
    loop.shutdownNow();
    dispatching.shutdown();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
      if (!dispatching.awaitTermination(5, TimeUnit.SECONDS)) {
        dispatching.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
