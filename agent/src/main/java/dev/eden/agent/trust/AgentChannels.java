package dev.eden.agent.trust;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;

/** Channels to the reconciler: mutual TLS by default, plaintext only with {@code --insecure}. */
public final class AgentChannels {

  private AgentChannels() {}

  /** A builder for mutual TLS with the node's credentials; add keep-alives and build. */
  public static NettyChannelBuilder mutualTls(String target, NodeCredentials credentials) {
    return withTls(target, TlsClientContexts.mutual(credentials));
  }

  /** A builder for TLS with the given context. */
  public static NettyChannelBuilder withTls(String target, SslContext context) {
    return NettyChannelBuilder.forTarget(target).sslContext(context);
  }

  /** A plaintext builder, for a reconciler run with {@code --insecure}. */
  public static NettyChannelBuilder plaintext(String target) {
    return NettyChannelBuilder.forTarget(target).usePlaintext();
  }

  /** Shuts a channel down, waiting briefly. */
  public static void close(ManagedChannel channel) {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
