package dev.eden.cli;

import com.google.protobuf.Message;
import dev.eden.proto.BeaconInfo;
import dev.eden.proto.BeaconNodeInfo;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.CoordinationServiceGrpc;
import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.Event;
import dev.eden.proto.ListBeaconsRequest;
import dev.eden.proto.ListBeaconsResponse;
import dev.eden.proto.ListCronJobsRequest;
import dev.eden.proto.ListCronJobsResponse;
import dev.eden.proto.ListDispatchesRequest;
import dev.eden.proto.ListDispatchesResponse;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.ListEventsResponse;
import dev.eden.proto.ListLocksRequest;
import dev.eden.proto.ListLocksResponse;
import dev.eden.proto.ListNodesRequest;
import dev.eden.proto.ListNodesResponse;
import dev.eden.proto.ListRevisionsRequest;
import dev.eden.proto.ListRevisionsResponse;
import dev.eden.proto.ListRunsRequest;
import dev.eden.proto.ListRunsResponse;
import dev.eden.proto.ListTaskBooksRequest;
import dev.eden.proto.ListTaskBooksResponse;
import dev.eden.proto.ListTriggersRequest;
import dev.eden.proto.ListTriggersResponse;
import dev.eden.proto.WatchEventsRequest;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eden get
 * nodes|revisions|events|runs|locks|taskbooks|cronjobs|triggers|beacons|dispatches}: what the
 * reconciler knows, as tables or data.
 */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description =
        "List nodes, revisions, events, runs, locks, taskbooks, cronjobs, triggers, beacons or"
            + " dispatches from a reconciler.")
final class GetCommand implements java.util.concurrent.Callable<Integer> {

  /** What can be listed. */
  enum Kind {
    nodes,
    revisions,
    events,
    runs,
    locks,
    taskbooks,
    cronjobs,
    triggers,
    beacons,
    dispatches
  }

  /** Output formats. */
  enum Output {
    table,
    json,
    yaml
  }

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "KIND",
      description =
          "nodes, revisions, events, runs, locks, taskbooks, cronjobs, triggers, beacons or"
              + " dispatches.")
  Kind kind;

  @Mixin ServerOptions connection;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  Output output;

  @Option(
      names = "--node",
      defaultValue = "",
      description = "Only this node (events, runs, nodes, beacons, dispatches).")
  String node;

  @Option(
      names = "--for",
      paramLabel = "KIND/NAME",
      description =
          "Only events about this object: KIND/NAME or KIND/NAMESPACE/NAME, e.g. Node/web-1,"
              + " TaskBook/prod/web, Trigger/ops/restore-motd (events only).")
  String forObject;

  @Option(
      names = {"-w", "--watch"},
      description = "After listing, keep printing new events (events only).")
  boolean watch;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description = "At most this many (0: server default).")
  int limit;

  private final Clock clock;

  GetCommand() {
    this(Clock.systemUTC());
  }

  GetCommand(Clock clock) {
    this.clock = clock;
  }

  /**
   * Room for the events that arrive while watching (the listed ones may all be short): a wider cell
   * pushes only its own line.
   */
  private static final List<String> WATCH_MIN_WIDTHS =
      List.of("x".repeat(9), "Warning", "x".repeat(18), "x".repeat(28), "x".repeat(8), "COUNT", "");

  private ObjectFilter object = ObjectFilter.any();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if ((watch || forObject != null) && kind != Kind.events) {
      spec.commandLine()
          .getErr()
          .println("eden get: " + (watch ? "--watch" : "--for") + " is supported for events only");
      return Eden.EXIT_USAGE;
    }
    try {
      object = forObject == null ? ObjectFilter.any() : ObjectFilter.parse(forObject);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("eden get: " + e.getMessage());
      return Eden.EXIT_USAGE;
    }
    return connection.call("eden get", spec.commandLine().getErr(), channel -> get(channel, out));
  }

  private int get(ManagedChannel channel, PrintWriter out) {
    Message answer =
        kind == Kind.locks
            ? CoordinationServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(15, TimeUnit.SECONDS)
                .listLocks(ListLocksRequest.getDefaultInstance())
            : fetch(
                ControlServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(15, TimeUnit.SECONDS));
    if (watch) {
      return watchEvents(channel, (ListEventsResponse) answer, out);
    }
    out.print(render(answer));
    out.flush();
    return 0;
  }

  /**
   * Prints the listed events, then every event stored after them that passes the same filters, as
   * it comes, until the stream ends; the table keeps the columns it was listed with.
   */
  private int watchEvents(ManagedChannel channel, ListEventsResponse listed, PrintWriter out) {
    GetTables tables = new GetTables(clock);
    Table table = tables.eventTable(listed);
    int[] widths = table.widths();
    Table.grow(widths, WATCH_MIN_WIDTHS);
    out.print(output == Output.table ? table.render(widths) : render(listed));
    out.flush();
    long after =
        listed.getEventsCount() == 0 ? 0 : listed.getEvents(listed.getEventsCount() - 1).getSeq();
    Iterator<Event> events =
        ControlServiceGrpc.newBlockingStub(channel)
            .watchEvents(
                WatchEventsRequest.newBuilder()
                    .setAfterSeq(after)
                    .setNode(node)
                    .setObjectKind(object.kind())
                    .setObjectNamespace(object.namespace())
                    .setObjectName(object.name())
                    .build());
    while (events.hasNext()) {
      Event event = events.next();
      switch (output) {
        case json -> out.println(MachineOutput.json(event));
        case yaml -> out.print("---\n" + MachineOutput.yaml(MachineOutput.json(event)));
        case table -> {
          out.println(Table.line(tables.eventRow(event), widths));
        }
      }
      out.flush();
    }
    return 0;
  }

  private Message fetch(ControlServiceGrpc.ControlServiceBlockingStub control) {
    return switch (kind) {
      case nodes -> onlyNode(control.listNodes(ListNodesRequest.getDefaultInstance()));
      case revisions ->
          control.listRevisions(ListRevisionsRequest.newBuilder().setLimit(limit).build());
      case events ->
          control.listEvents(
              ListEventsRequest.newBuilder()
                  .setNode(node)
                  .setObjectKind(object.kind())
                  .setObjectNamespace(object.namespace())
                  .setObjectName(object.name())
                  .setLimit(limit)
                  .build());
      case runs ->
          control.listRuns(ListRunsRequest.newBuilder().setNode(node).setLimit(limit).build());
      case locks -> throw new IllegalStateException("locks come from the CoordinationService");
      case taskbooks -> control.listTaskBooks(ListTaskBooksRequest.getDefaultInstance());
      case cronjobs -> control.listCronJobs(ListCronJobsRequest.getDefaultInstance());
      case triggers -> control.listTriggers(ListTriggersRequest.getDefaultInstance());
      case beacons -> onlyNode(control.listBeacons(ListBeaconsRequest.getDefaultInstance()));
      case dispatches ->
          onlyNode(
              control.listDispatches(ListDispatchesRequest.newBuilder().setLimit(limit).build()));
    };
  }

  private ListNodesResponse onlyNode(ListNodesResponse all) {
    if (node.isEmpty()) {
      return all;
    }
    return ListNodesResponse.newBuilder()
        .addAllNodes(all.getNodesList().stream().filter(n -> n.getName().equals(node)).toList())
        .build();
  }

  private ListBeaconsResponse onlyNode(ListBeaconsResponse all) {
    if (node.isEmpty()) {
      return all;
    }
    ListBeaconsResponse.Builder b = ListBeaconsResponse.newBuilder();
    for (BeaconInfo beacon : all.getBeaconsList()) {
      List<BeaconNodeInfo> mine =
          beacon.getNodesList().stream().filter(n -> n.getNode().equals(node)).toList();
      if (!mine.isEmpty()) {
        b.addBeacons(beacon.toBuilder().clearNodes().addAllNodes(mine));
      }
    }
    return b.build();
  }

  private ListDispatchesResponse onlyNode(ListDispatchesResponse all) {
    if (node.isEmpty()) {
      return all;
    }
    ListDispatchesResponse.Builder b = ListDispatchesResponse.newBuilder();
    for (DispatchStatus d : all.getDispatchesList()) {
      List<DispatchNode> mine =
          d.getNodesList().stream().filter(n -> n.getNode().equals(node)).toList();
      if (!mine.isEmpty()) {
        b.addDispatches(d.toBuilder().clearNodes().addAllNodes(mine));
      }
    }
    return b.build();
  }

  String render(Message answer) {
    return switch (output) {
      case json -> MachineOutput.json(answer) + "\n";
      case yaml -> MachineOutput.yaml(MachineOutput.json(answer));
      case table -> table(answer);
    };
  }

  private String table(Message answer) {
    GetTables tables = new GetTables(clock);
    RuntimeTables runtime = new RuntimeTables(clock);
    return switch (kind) {
      case nodes -> tables.nodes((ListNodesResponse) answer);
      case revisions -> tables.revisions((ListRevisionsResponse) answer);
      case events -> tables.events((ListEventsResponse) answer);
      case runs -> tables.runs((ListRunsResponse) answer);
      case locks -> tables.locks((ListLocksResponse) answer);
      case taskbooks -> tables.taskBooks((ListTaskBooksResponse) answer);
      case cronjobs -> runtime.cronJobs((ListCronJobsResponse) answer);
      case triggers -> runtime.triggers((ListTriggersResponse) answer);
      case beacons -> runtime.beacons((ListBeaconsResponse) answer);
      case dispatches -> runtime.dispatches((ListDispatchesResponse) answer);
    };
  }
}
