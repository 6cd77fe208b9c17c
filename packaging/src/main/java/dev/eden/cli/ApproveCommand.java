package dev.eden.cli;

import dev.eden.proto.ApproveTaskBookRequest;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.TaskBookInfo;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eden approve TASKBOOK [--revision REV]}: rolls out a TaskBook version waiting for approval
 * ({@code approval: manual}). Needs the operator role.
 */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = "Roll out a TaskBook version waiting for approval (see eden get taskbooks).")
final class ApproveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "TASKBOOK",
      description = "namespace/name, or name when only one namespace has it.")
  String taskBook;

  @Option(
      names = "--revision",
      paramLabel = "REV",
      defaultValue = "",
      description =
          "The revision whose version to approve (main@sha1:<sha>, or a commit prefix);"
              + " default: the version waiting now.")
  String revision;

  @Option(
      names = "--server",
      defaultValue = "127.0.0.1:7420",
      paramLabel = "HOST:PORT",
      converter = HostPort.Converter.class,
      description = "The reconciler's gRPC address (default: ${DEFAULT-VALUE}).")
  HostPort server;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Client configuration for mutual TLS (default: $EDEN_CONFIG, else"
              + " ~/.config/eden/config; none: plaintext, for an --insecure reconciler).")
  Path config;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  GetCommand.Output output;

  @Override
  public Integer call() {
    ManagedChannel channel;
    try {
      boolean serverGiven = spec.commandLine().getParseResult().hasMatchedOption("--server");
      channel =
          ClientConfigOptions.openOrPlaintext(
              Optional.ofNullable(config),
              serverGiven ? Optional.of(server) : Optional.empty(),
              server);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("eden approve: " + e.getMessage());
      return Eden.EXIT_USAGE;
    }
    try {
      TaskBookInfo info =
          ControlServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .approveTaskBook(
                  ApproveTaskBookRequest.newBuilder()
                      .setTaskbook(taskBook)
                      .setRevision(revision)
                      .build());
      PrintWriter out = spec.commandLine().getOut();
      out.print(render(info));
      out.flush();
      return 0;
    } catch (StatusRuntimeException e) {
      spec.commandLine()
          .getErr()
          .println(
              "eden approve: "
                  + channel.authority()
                  + ": "
                  + e.getStatus().getCode()
                  + ": "
                  + e.getStatus().getDescription());
      return 1;
    } finally {
      channel.shutdownNow();
    }
  }

  String render(TaskBookInfo info) {
    return switch (output) {
      case json -> GetCommand.json(info) + "\n";
      case yaml -> GetCommand.yaml(GetCommand.json(info));
      case table -> approved(info);
    };
  }

  /** One line: what was approved and where it runs now. */
  static String approved(TaskBookInfo info) {
    return "approved "
        + info.getName()
        + ": version of "
        + info.getServingRevision()
        + " rolled out to "
        + info.getNodes()
        + (info.getNodes() == 1 ? " node" : " nodes")
        + (info.getPendingRevision().isEmpty()
            ? ""
            : "; a newer version still waits: " + info.getPendingRevision())
        + "\n";
  }
}
