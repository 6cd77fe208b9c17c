package dev.eden.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --server HOST:PORT} and {@code --config FILE} for commands that talk to a reconciler as a
 * person and also work against an {@code --insecure} one, as {@code eden get} does: mutual TLS when
 * a client configuration is found, plaintext otherwise. A picocli mixin.
 */
final class ServerOptions {

  static final HostPort DEFAULT_SERVER = new HostPort("127.0.0.1", 7420);

  @Option(
      names = "--server",
      paramLabel = "HOST:PORT",
      converter = HostPort.Converter.class,
      description =
          "The reconciler's gRPC address (default: the configuration's, else 127.0.0.1:7420).")
  HostPort server;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Client configuration for mutual TLS (default: $EDEN_CONFIG, else"
              + " ~/.config/eden/config; none: plaintext, for an --insecure reconciler).")
  Path config;

  /**
   * @throws IllegalArgumentException when a configuration is found but cannot be read
   */
  ManagedChannel open() {
    return ClientConfigOptions.openOrPlaintext(
        Optional.ofNullable(config), Optional.ofNullable(server), DEFAULT_SERVER);
  }

  /** What a command does once connected: its exit code. */
  @FunctionalInterface
  interface Session {
    int run(ManagedChannel channel);
  }

  /**
   * Connects, runs {@code session} and closes the channel. An unreadable configuration is a usage
   * error (exit 2); a refusal or failure of the reconciler is one line naming it and the status
   * (exit 1).
   *
   * @param command how errors begin, e.g. {@code eden get}
   */
  int call(String command, PrintWriter err, Session session) {
    ManagedChannel channel;
    try {
      channel = open();
    } catch (IllegalArgumentException e) {
      err.println(command + ": " + e.getMessage());
      return Eden.EXIT_USAGE;
    }
    try {
      return session.run(channel);
    } catch (StatusRuntimeException e) {
      err.println(
          command
              + ": "
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
}
