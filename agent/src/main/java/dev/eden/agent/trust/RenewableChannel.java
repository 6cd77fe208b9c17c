package dev.eden.agent.trust;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A mutual-TLS channel whose client certificate can change: after a renewal, {@link #renewed}
 * builds a new channel (a new TLS context, so no session is resumed with the old certificate) and
 * new calls go there; calls open on the old one finish there.
 */
public final class RenewableChannel extends ManagedChannel {

  private final Function<NodeCredentials, ManagedChannel> factory;
  private NodeCredentials credentials;
  private ManagedChannel current;
  private boolean shutdown;

  /** {@code factory} builds a channel presenting the given credentials. */
  public RenewableChannel(
      NodeCredentials credentials, Function<NodeCredentials, ManagedChannel> factory) {
    this.factory = factory;
    this.credentials = credentials;
    this.current = factory.apply(credentials);
  }

  /** A channel to {@code target} with the node's credentials. */
  public static RenewableChannel to(String target, NodeCredentials credentials) {
    return new RenewableChannel(
        credentials,
        c -> AgentChannels.mutualTls(target, c).keepAliveTime(5, TimeUnit.MINUTES).build());
  }

  public synchronized NodeCredentials credentials() {
    return credentials;
  }

  /** Switches new calls to a channel presenting {@code renewed}. */
  public void renewed(NodeCredentials renewed) {
    ManagedChannel old;
    synchronized (this) {
      if (shutdown) {
        return;
      }
      old = current;
      credentials = renewed;
      current = factory.apply(renewed);
    }
    old.shutdown();
  }

  private synchronized ManagedChannel current() {
    return current;
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    return current().newCall(method, options);
  }

  @Override
  public String authority() {
    return current().authority();
  }

  @Override
  public ManagedChannel shutdown() {
    synchronized (this) {
      shutdown = true;
    }
    current().shutdown();
    return this;
  }

  @Override
  public ManagedChannel shutdownNow() {
    synchronized (this) {
      shutdown = true;
    }
    current().shutdownNow();
    return this;
  }

  @Override
  public boolean isShutdown() {
    return current().isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return current().isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return current().awaitTermination(timeout, unit);
  }

  @Override
  public ConnectivityState getState(boolean requestConnection) {
    return current().getState(requestConnection);
  }

  @Override
  public void notifyWhenStateChanged(ConnectivityState source, Runnable callback) {
    current().notifyWhenStateChanged(source, callback);
  }

  @Override
  public void resetConnectBackoff() {
    current().resetConnectBackoff();
  }

  @Override
  public void enterIdle() {
    current().enterIdle();
  }
}
