package dev.eden.cli;

import dev.eden.proto.CreateTokenRequest;
import dev.eden.proto.CreateTokenResponse;
import dev.eden.proto.TrustAdminServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eden token create}: a one-time bootstrap token for {@code eden agent --enroll}. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Bootstrap tokens for enrolling agents.",
    subcommands = {TokenCommand.Create.class})
final class TokenCommand {

  /**
   * {@code eden token create [--ttl 1h] [--node NAME] [--labels k=v,...]}, or {@code --push|--fetch
   * [--ttl 30d]} for the hosted repository.
   */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Print a one-time token (<secret>.<CA hash>) once; only its hash is kept by the"
              + " reconciler.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientConfigOptions client;

    @Option(
        names = "--ttl",
        converter = DurationConverter.class,
        description =
            "How long the token can be used (default: 1h, at most 7 days; for --push and --fetch"
                + " 30d, at most 366 days).")
    Duration ttl;

    @Option(
        names = "--push",
        description =
            "A reusable token for git push to a hosted reconciler (the password of"
                + " http://eden:TOKEN@HOST:HTTP-PORT/git); operator role.")
    boolean push;

    @Option(
        names = "--fetch",
        description = "A reusable token for git clone and fetch only; viewer role.")
    boolean fetch;

    @Option(names = "--node", paramLabel = "NAME", description = "Only this node may use it.")
    String node;

    @Option(
        names = "--labels",
        split = ",",
        paramLabel = "k=v",
        description = "Labels the enrolled node is vouched for (visibleTo of exports).")
    Map<String, String> labels = new LinkedHashMap<>();

    private CreateTokenRequest.GitAccess gitAccess() {
      if (push) {
        return CreateTokenRequest.GitAccess.GIT_PUSH;
      }
      return fetch
          ? CreateTokenRequest.GitAccess.GIT_FETCH
          : CreateTokenRequest.GitAccess.GIT_ACCESS_UNSPECIFIED;
    }

    @Override
    public Integer call() {
      if (push && fetch) {
        spec.commandLine().getErr().println("eden token create: --push includes --fetch; give one");
        return Eden.EXIT_USAGE;
      }
      return TrustCommands.run(
          spec,
          "eden token create",
          client,
          channel -> {
            CreateTokenResponse r =
                TrustAdminServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(15, TimeUnit.SECONDS)
                    .createToken(
                        CreateTokenRequest.newBuilder()
                            .setGitAccess(gitAccess())
                            .setTtlSeconds(ttl == null ? 0 : ttl.toSeconds())
                            .setNode(node == null ? "" : node)
                            .putAllLabels(labels)
                            .build());
            spec.commandLine().getOut().println(r.getToken());
            spec.commandLine()
                .getErr()
                .println(
                    "token expires "
                        + Instant.ofEpochSecond(r.getExpires().getSeconds())
                        + "; it is shown only once");
          });
    }
  }

  /** Runs one admin call and turns failures into a message and exit code 1. */
  static final class TrustCommands {
    private TrustCommands() {}

    /** A call made with an open channel. */
    interface Body {
      void run(ManagedChannel channel);
    }

    static int run(CommandSpec spec, String command, ClientConfigOptions client, Body body) {
      ClientConfig config;
      try {
        config = client.load();
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println(command + ": " + e.getMessage());
        return Eden.EXIT_USAGE;
      }
      ManagedChannel channel = client.channel(config);
      try {
        body.run(channel);
        spec.commandLine().getOut().flush();
        return 0;
      } catch (StatusRuntimeException e) {
        spec.commandLine()
            .getErr()
            .println(
                command
                    + ": "
                    + e.getStatus().getCode()
                    + ": "
                    + (e.getStatus().getDescription() == null
                        ? String.valueOf(e.getStatus().getCause())
                        : e.getStatus().getDescription()));
        return 1;
      } finally {
        channel.shutdownNow();
      }
    }
  }
}
