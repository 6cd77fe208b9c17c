package dev.eden.cli;

import io.grpc.ManagedChannel;
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
}
