package dev.eden.cli;

import dev.eden.proto.ApproveNodeRequest;
import dev.eden.proto.ListPendingRequest;
import dev.eden.proto.PendingNode;
import dev.eden.proto.RevokeNodeRequest;
import dev.eden.proto.TrustAdminServiceGrpc;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eden nodes approve|revoke NAME}, {@code eden nodes pending}. */
@Command(
    name = "nodes",
    mixinStandardHelpOptions = true,
    description = "Approve, list or revoke node enrollments.",
    subcommands = {
      NodesCommand.Approve.class,
      NodesCommand.Revoke.class,
      NodesCommand.Pending.class
    })
final class NodesCommand {

  static TrustAdminServiceGrpc.TrustAdminServiceBlockingStub admin(io.grpc.ManagedChannel c) {
    return TrustAdminServiceGrpc.newBlockingStub(c).withDeadlineAfter(15, TimeUnit.SECONDS);
  }

  /** Approves a node waiting without a token. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve a pending node.")
  static final class Approve implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientConfigOptions client;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      return TokenCommand.TrustCommands.run(
          spec,
          "eden nodes approve",
          client,
          c -> {
            admin(c).approveNode(ApproveNodeRequest.newBuilder().setNode(name).build());
            spec.commandLine().getOut().println("node " + name + " approved");
          });
    }
  }

  /** Revokes every certificate of a node and closes its open connections. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a node's certificates; its open calls end at once.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientConfigOptions client;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      return TokenCommand.TrustCommands.run(
          spec,
          "eden nodes revoke",
          client,
          c -> {
            int cancelled =
                admin(c)
                    .revokeNode(RevokeNodeRequest.newBuilder().setNode(name).build())
                    .getCancelledCalls();
            spec.commandLine()
                .getOut()
                .println("node " + name + " revoked (" + cancelled + " open calls closed)");
          });
    }
  }

  /** Lists nodes waiting for approval, with the key hash to compare. */
  @Command(name = "pending", mixinStandardHelpOptions = true, description = "List pending nodes.")
  static final class Pending implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientConfigOptions client;

    @Override
    public Integer call() {
      return TokenCommand.TrustCommands.run(
          spec,
          "eden nodes pending",
          client,
          c -> {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-24s %-20s %-24s %s%n", "NAME", "REQUESTED", "PEER", "KEY-SHA256");
            for (PendingNode p :
                admin(c).listPending(ListPendingRequest.getDefaultInstance()).getPendingList()) {
              out.printf(
                  "%-24s %-20s %-24s %s%n",
                  p.getNode(),
                  Instant.ofEpochSecond(p.getRequested().getSeconds()),
                  p.getPeer(),
                  p.getPublicKeySha256());
            }
          });
    }
  }
}
