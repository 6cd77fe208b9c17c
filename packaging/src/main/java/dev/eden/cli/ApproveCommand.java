package dev.eden.cli;

import dev.eden.proto.ApproveTaskBookRequest;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.TaskBookInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin ServerOptions connection;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  GetCommand.Output output;

  @Override
  public Integer call() {
    return connection.call(
        "eden approve",
        spec.commandLine().getErr(),
        channel -> {
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
        });
  }

  String render(TaskBookInfo info) {
    return switch (output) {
      case json -> MachineOutput.json(info) + "\n";
      case yaml -> MachineOutput.yaml(MachineOutput.json(info));
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
