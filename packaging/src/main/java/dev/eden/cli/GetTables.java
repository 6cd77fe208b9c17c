package dev.eden.cli;

import com.google.protobuf.Timestamp;
import dev.eden.common.WireText;
import dev.eden.common.proto.ProtoTime;
import dev.eden.proto.Event;
import dev.eden.proto.ListEventsResponse;
import dev.eden.proto.ListLocksResponse;
import dev.eden.proto.ListNodesResponse;
import dev.eden.proto.ListRevisionsResponse;
import dev.eden.proto.ListRunsResponse;
import dev.eden.proto.ListTaskBooksResponse;
import dev.eden.proto.LockHolding;
import dev.eden.proto.NodeStatus;
import dev.eden.proto.RevisionInfo;
import dev.eden.proto.RunSummary;
import dev.eden.proto.TaskBookInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The tables of {@code eden get}, one per kind of thing. */
final class GetTables {

  private final Clock clock;

  GetTables(Clock clock) {
    this.clock = clock;
  }

  String nodes(ListNodesResponse r) {
    Table t = new Table("NAME", "STATUS", "REASON", "REVISION", "PLAN", "LAST-RUN", "LAST-SEEN");
    for (NodeStatus n : r.getNodesList()) {
      t.row(
          n.getName(),
          WireText.of(n.getState()),
          n.getReason(),
          shortRevision(n.getLastAppliedRevision()),
          shortHash(n.getPlanHash()),
          n.hasLastRun() ? runCounts(n.getLastRun()) : "<none>",
          n.hasLastSeen() ? age(n.getLastSeen()) : "<never>");
    }
    return t.render();
  }

  String revisions(ListRevisionsResponse r) {
    Table t =
        new Table("REVISION", "STATUS", "CURRENT", "OBJECTS", "ERRORS", "SIGNER", "AGE", "MESSAGE");
    for (RevisionInfo rev : r.getRevisionsList()) {
      t.row(
          shortRevision(rev.getId()),
          rev.getAccepted() ? "Accepted" : "Rejected",
          rev.getCurrent() ? "*" : "",
          String.valueOf(rev.getObjects()),
          String.valueOf(rev.getErrorsCount()),
          rev.getSigner().isEmpty() ? "-" : rev.getSigner(),
          rev.hasFetched() ? age(rev.getFetched()) : "",
          firstLine(rev.getMessage()));
    }
    return t.render();
  }

  String events(ListEventsResponse r) {
    return eventTable(r).render();
  }

  Table eventTable(ListEventsResponse r) {
    Table t = new Table("LAST-SEEN", "TYPE", "REASON", "OBJECT", "NODE", "COUNT", "MESSAGE");
    r.getEventsList().forEach(e -> t.row(eventRow(e).toArray(String[]::new)));
    return t;
  }

  /** The cells of one event, in the columns of {@link #eventTable}. */
  List<String> eventRow(Event e) {
    String object =
        e.getObject().getKind().isEmpty()
            ? ""
            : e.getObject().getKind().toLowerCase(java.util.Locale.ROOT)
                + "/"
                + (e.getObject().getNamespace().isEmpty() ? "" : e.getObject().getNamespace() + "/")
                + e.getObject().getName();
    return List.of(
        e.hasLastTime() ? age(e.getLastTime()) : "",
        e.getType() == Event.Type.WARNING ? "Warning" : "Normal",
        e.getReason(),
        object,
        e.getNode(),
        String.valueOf(e.getCount()),
        firstLine(e.getMessage()));
  }

  String runs(ListRunsResponse r) {
    Table t = new Table("NODE", "RUN", "REVISION", "PLAN", "RESULT", "TRIGGER", "AGE");
    for (RunSummary s : r.getRunsList()) {
      t.row(
          s.getNode(),
          "#" + s.getRunNumber() + (s.getDryRun() ? " (dry-run)" : ""),
          shortRevision(s.getRevision()),
          shortHash(s.getPlanHash()),
          runCounts(s),
          WireText.of(s.getTrigger()),
          s.hasFinished() ? age(s.getFinished()) : s.hasStarted() ? age(s.getStarted()) : "");
    }
    return t.render();
  }

  String locks(ListLocksResponse r) {
    Table t = new Table("KIND", "TASKBOOK", "STEP", "RUN", "HOLDER", "SINCE", "EXPIRES-IN");
    for (LockHolding h : r.getHoldingsList()) {
      t.row(
          h.getKind().name().toLowerCase(java.util.Locale.ROOT),
          h.getScope().getTaskbook(),
          h.getScope().getStepId(),
          shortRevision(h.getScope().getRun()),
          h.getHolder(),
          age(h.getSince()),
          human(
              Duration.between(clock.instant(), ProtoTime.toInstant(h.getExpires())).getSeconds()));
    }
    return t.render();
  }

  String taskBooks(ListTaskBooksResponse r) {
    Table t = new Table("NAME", "MODE", "APPROVAL", "SERVING", "PENDING", "NODES");
    for (TaskBookInfo b : r.getTaskbooksList()) {
      t.row(
          b.getName(),
          b.getMode() + (b.getSuspend() ? " (suspended)" : ""),
          b.getApproval(),
          shortRevision(b.getServingRevision()),
          shortRevision(b.getPendingRevision()),
          String.valueOf(b.getNodes()));
    }
    return t.render();
  }

  private static String runCounts(RunSummary s) {
    String counts = s.getChanged() + " changed, " + s.getFailed() + " failed";
    return (s.getFailed() > 0 ? "Failed (" : "Succeeded (") + counts + ")";
  }

  /** {@code main@sha1:0123456} from {@code main@sha1:<40 hex>}. */
  static String shortRevision(String id) {
    int at = id.indexOf("@sha1:");
    if (at < 0 || id.length() <= at + 6 + 7) {
      return id.isEmpty() ? "<none>" : id;
    }
    return id.substring(0, at + 6 + 7);
  }

  static String shortHash(String hash) {
    return hash.isEmpty() ? "<none>" : hash.substring(0, Math.min(12, hash.length()));
  }

  static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl) + " …";
  }

  /** kubectl-style age: 42s, 5m, 3h, 2d. */
  String age(Timestamp t) {
    Duration d = Duration.between(ProtoTime.toInstant(t), clock.instant());
    return human(d.getSeconds());
  }

  static String human(long seconds) {
    long s = Math.max(0, seconds);
    if (s < 120) {
      return s + "s";
    }
    if (s < 120 * 60) {
      return (s / 60) + "m";
    }
    if (s < 48 * 3600) {
      return (s / 3600) + "h";
    }
    return (s / 86400) + "d";
  }
}
