package dev.eden.reconciler.trust;

import io.grpc.Context;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open server calls of each authenticated identity, so that revoking a node closes its open
 * streams at once rather than when they next end.
 */
public final class OpenCalls {

  private final Map<String, Set<Guarded<?, ?>>> byIdentity = new ConcurrentHashMap<>();

  /** Wraps {@code call} so it can be closed from another thread, and registers it. */
  <Q, R> Guarded<Q, R> register(
      Identity identity, ServerCall<Q, R> call, Context.CancellableContext context) {
    Guarded<Q, R> guarded = new Guarded<>(call, context);
    byIdentity
        .computeIfAbsent(identity.describe(), k -> ConcurrentHashMap.newKeySet())
        .add(guarded);
    return guarded;
  }

  void unregister(Identity identity, Guarded<?, ?> call) {
    byIdentity.computeIfPresent(
        identity.describe(),
        (k, calls) -> {
          calls.remove(call);
          return calls.isEmpty() ? null : calls;
        });
  }

  /** Closes every open call of {@code identity} with PERMISSION_DENIED; returns how many. */
  public int cancelAll(Identity identity, String why) {
    Set<Guarded<?, ?>> calls = byIdentity.remove(identity.describe());
    if (calls == null) {
      return 0;
    }
    calls.forEach(c -> c.revoke(why));
    return calls.size();
  }

  /** How many calls of {@code identity} are open. */
  public int count(Identity identity) {
    Set<Guarded<?, ?>> calls = byIdentity.get(identity.describe());
    return calls == null ? 0 : calls.size();
  }

  /** A call whose methods are serialized, so that {@link #revoke} may run on any thread. */
  static final class Guarded<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
    private final Context.CancellableContext context;
    private boolean closed;

    Guarded(ServerCall<Q, R> delegate, Context.CancellableContext context) {
      super(delegate);
      this.context = context;
    }

    @Override
    public synchronized void sendHeaders(Metadata headers) {
      if (!closed) {
        super.sendHeaders(headers);
      }
    }

    @Override
    public synchronized void sendMessage(R message) {
      if (!closed) {
        super.sendMessage(message);
      }
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (!closed) {
        closed = true;
        super.close(status, trailers);
      }
    }

    @Override
    public synchronized boolean isReady() {
      return !closed && super.isReady();
    }

    void revoke(String why) {
      close(Status.PERMISSION_DENIED.withDescription(why), new Metadata());
      context.cancel(Status.PERMISSION_DENIED.withDescription(why).asRuntimeException());
    }
  }
}
