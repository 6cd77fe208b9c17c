package dev.eden.cli;

import dev.eden.common.WireText;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchState;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.Event;
import dev.eden.proto.GetDispatchRequest;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.ListEventsResponse;
import dev.eden.proto.RunTaskBookRequest;
import dev.eden.proto.WatchEventsRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eden run TASKBOOK}: runs a TaskBook now on its nodes (or those a selector picks) and, with
 * {@code --wait}, follows each node until every one is done. Progress comes from the reconciler's
 * event stream (the dispatch's {@code DispatchSucceeded} / {@code DispatchFailed} events), so
 * nothing polls.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a TaskBook now on its target nodes (a manual or once TaskBook, usually).",
      "Exit status with --wait: 0 when every node succeeded, 1 when one failed, was cancelled"
          + " or the timeout passed."
    })
final class RunCommand implements Callable<Integer> {

  /** Output formats. */
  enum Output {
    text,
    json,
    yaml
  }

  private static final DispatchState PENDING = DispatchState.DISPATCH_STATE_PENDING;
  private static final DispatchState SUCCEEDED = DispatchState.DISPATCH_STATE_SUCCEEDED;

  @Spec CommandSpec spec;

  @Mixin ServerOptions connection;

  @Parameters(
      index = "0",
      paramLabel = "TASKBOOK",
      description = "NAMESPACE/NAME, or NAME when only one namespace has it.")
  String taskBook;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SEL",
      defaultValue = "",
      description = "Only the TaskBook's targets this label selector matches.")
  String selector;

  @Option(names = "--wait", description = "Follow every node until all are done.")
  boolean await;

  @Option(
      names = "--timeout",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description = "Longest --wait (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text, json or yaml (default: ${DEFAULT-VALUE}).")
  Output output;

  @Override
  public Integer call() {
    return connection.call("eden run", spec.commandLine().getErr(), this::run);
  }

  private int run(ManagedChannel channel) {
    PrintWriter out = spec.commandLine().getOut();
    ControlServiceGrpc.ControlServiceBlockingStub control =
        ControlServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    long lastSeq = lastEventSeq(control);
    DispatchStatus status =
        control.runTaskBook(
            RunTaskBookRequest.newBuilder().setTaskbook(taskBook).setSelector(selector).build());
    if (output == Output.text) {
      out.printf(
          "dispatch %s: TaskBook %s on %d node(s)%n",
          status.getId(), status.getTaskbook(), status.getNodesCount());
      Rows rows = new Rows(status);
      out.println(rows.header());
      status.getNodesList().forEach(n -> out.println(rows.row(n)));
      out.flush();
    }
    if (await) {
      status = follow(channel, status, lastSeq, out);
    }
    if (output != Output.text) {
      String json = MachineOutput.json(status);
      out.print(output == Output.json ? json + "\n" : MachineOutput.yaml(json));
      out.flush();
    }
    return await ? verdict(status) : 0;
  }

  /** The seq of the newest stored event, so the watch misses nothing that happens after. */
  private static long lastEventSeq(ControlServiceGrpc.ControlServiceBlockingStub control) {
    ListEventsResponse newest =
        control.listEvents(ListEventsRequest.newBuilder().setLimit(1).build());
    return newest.getEventsCount() == 0 ? 0 : newest.getEvents(0).getSeq();
  }

  /**
   * Watches the dispatch's events and prints each node as it finishes, until none is pending or the
   * timeout passes (then the status as it stands).
   */
  private DispatchStatus follow(
      ManagedChannel channel, DispatchStatus started, long afterSeq, PrintWriter out) {
    ControlServiceGrpc.ControlServiceBlockingStub stub =
        ControlServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Map<String, DispatchState> shown = new HashMap<>();
    started.getNodesList().forEach(n -> shown.put(n.getNode(), n.getState()));
    DispatchStatus status = started;
    try {
      Iterator<Event> events =
          stub.watchEvents(WatchEventsRequest.newBuilder().setAfterSeq(afterSeq).build());
      while (pending(status) > 0 && events.hasNext()) {
        Event e = events.next();
        if (!started.getId().equals(e.getLabelsMap().get("dispatch"))) {
          continue;
        }
        status =
            stub.getDispatch(
                GetDispatchRequest.newBuilder().setDispatchId(started.getId()).build());
        printChanges(status, shown, out);
      }
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
        throw e;
      }
    }
    if (pending(status) > 0) {
      // the deadline passed (or the stream ended): the last word is the reconciler's status
      status =
          ControlServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(15, TimeUnit.SECONDS)
              .getDispatch(GetDispatchRequest.newBuilder().setDispatchId(started.getId()).build());
      printChanges(status, shown, out);
    }
    return status;
  }

  private void printChanges(
      DispatchStatus status, Map<String, DispatchState> shown, PrintWriter out) {
    if (output != Output.text) {
      return;
    }
    List<DispatchNode> changed =
        status.getNodesList().stream()
            .filter(n -> !n.getState().equals(shown.get(n.getNode())))
            .toList();
    changed.forEach(n -> shown.put(n.getNode(), n.getState()));
    Rows rows = new Rows(status);
    changed.forEach(n -> out.println(rows.row(n)));
    out.flush();
  }

  /** Exit status of a followed dispatch, with its one-line reason on stderr when not 0. */
  private int verdict(DispatchStatus status) {
    long pending = pending(status);
    List<DispatchNode> bad =
        status.getNodesList().stream()
            .filter(n -> !n.getState().equals(SUCCEEDED) && !n.getState().equals(PENDING))
            .toList();
    PrintWriter err = spec.commandLine().getErr();
    if (pending > 0) {
      err.printf(
          "eden run: timed out after %s: %d of %d node(s) still pending: %s%n",
          written(timeout),
          pending,
          status.getNodesCount(),
          String.join(
              ", ",
              status.getNodesList().stream()
                  .filter(n -> n.getState().equals(PENDING))
                  .map(DispatchNode::getNode)
                  .toList()));
      return 1;
    }
    if (!bad.isEmpty()) {
      DispatchNode first = bad.get(0);
      err.printf(
          "eden run: %d of %d node(s) did not succeed; %s %s: %s%n",
          bad.size(),
          status.getNodesCount(),
          first.getNode(),
          WireText.of(first.getState()),
          first.getMessage());
      return 1;
    }
    if (output == Output.text) {
      spec.commandLine().getOut().printf("%d node(s) succeeded%n", status.getNodesCount());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  /** A duration as it was written: 10m, 30s, 1h, 500ms. */
  static String written(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  private static long pending(DispatchStatus status) {
    return status.getNodesList().stream().filter(n -> n.getState().equals(PENDING)).count();
  }

  /**
   * NODE STATE RUN MESSAGE, with widths fixed by every node of the dispatch, so the progress lines
   * printed later line up under the first table.
   */
  private static final class Rows {
    private final String format;

    Rows(DispatchStatus status) {
      int node = "NODE".length();
      for (DispatchNode n : status.getNodesList()) {
        node = Math.max(node, n.getNode().length());
      }
      format = "%-" + node + "s   %-9s   %-8s   %s";
    }

    String header() {
      return line("NODE", "STATE", "RUN", "MESSAGE");
    }

    String row(DispatchNode n) {
      String run = n.getRunId().length() > 8 ? n.getRunId().substring(0, 8) : n.getRunId();
      return line(
          n.getNode(),
          WireText.of(n.getState()),
          run.isEmpty() ? "-" : run,
          oneLine(n.getMessage()));
    }

    private String line(String node, String state, String run, String message) {
      return String.format(format, node, state, run, message).stripTrailing();
    }
  }

  private static String oneLine(String message) {
    String line = message.replace('\n', ' ').strip();
    return line.length() > 100 ? line.substring(0, 97) + "..." : line;
  }
}
