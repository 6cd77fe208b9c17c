package dev.eden.cli;

import dev.eden.agent.trust.AgentChannels;
import dev.eden.agent.trust.TlsClientContexts;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to a reconciler as a person shares: {@code --config FILE}
 * and {@code --server HOST:PORT} (overrides the file's address). Opens a mutual-TLS channel with
 * the configuration's user certificate.
 */
final class ClientConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Client configuration (default: $EDEN_CONFIG, else ~/.config/eden/config).")
  Path config;

  @Option(
      names = "--server",
      paramLabel = "HOST:PORT",
      converter = HostPort.Converter.class,
      description = "The reconciler's gRPC address (default: the configuration's).")
  HostPort server;

  /**
   * The configuration in force.
   *
   * @throws IllegalArgumentException when none is found or it cannot be read
   */
  ClientConfig load() {
    Path file =
        ClientConfig.locate(
                Optional.ofNullable(config),
                System.getenv(),
                Path.of(System.getProperty("user.home")))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no client configuration: pass --config FILE or set $EDEN_CONFIG (the"
                            + " reconciler writes <data-dir>/admin.conf on first start)"));
    return ClientConfig.load(file);
  }

  /**
   * For commands that also work against an {@code --insecure} reconciler ({@code eden get}): mutual
   * TLS when a client configuration is found, plaintext to {@code server} otherwise.
   *
   * @throws IllegalArgumentException when a configuration is found but cannot be read
   */
  static ManagedChannel openOrPlaintext(
      Optional<Path> configFlag, Optional<HostPort> server, HostPort fallback) {
    Optional<Path> file =
        ClientConfig.locate(configFlag, System.getenv(), Path.of(System.getProperty("user.home")));
    if (file.isEmpty()) {
      HostPort target = server.orElse(fallback);
      return NettyChannelBuilder.forAddress(target.host(), target.port()).usePlaintext().build();
    }
    ClientConfig c = ClientConfig.load(file.get());
    String target = server.map(HostPort::toString).orElse(c.server());
    return AgentChannels.withTls(target, TlsClientContexts.mutual(c.ca(), c.key(), c.chain()))
        .build();
  }

  /** A mutual-TLS channel to the reconciler as the configuration's user. */
  ManagedChannel channel(ClientConfig c) {
    String target = server != null ? server.toString() : c.server();
    return AgentChannels.withTls(target, TlsClientContexts.mutual(c.ca(), c.key(), c.chain()))
        .build();
  }
}
