package dev.eden.agent.coord;

import dev.eden.common.retry.Backoff;
import dev.eden.proto.CoordinationServiceGrpc;
import dev.eden.proto.CoordinationServiceGrpc.CoordinationServiceBlockingStub;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The blocking stub, with a deadline on every call and backoff while the reconciler is away. */
final class CoordinationClient {

  private static final Logger log = LoggerFactory.getLogger(CoordinationClient.class);

  private final CoordinationServiceBlockingStub stub;
  private final Backoff backoff;
  private final Pause pause;
  private final Duration callDeadline;
  private final RandomGenerator random = RandomGenerator.getDefault();

  CoordinationClient(Channel channel, Backoff backoff, Pause pause, Duration callDeadline) {
    this.stub = CoordinationServiceGrpc.newBlockingStub(channel);
    this.backoff = backoff;
    this.pause = pause;
    this.callDeadline = callDeadline;
  }

  <T> T call(String what, Function<CoordinationServiceBlockingStub, T> rpc)
      throws CoordinationFailure {
    for (int attempt = 0; ; attempt++) {
      try {
        return rpc.apply(stub.withDeadlineAfter(callDeadline.toMillis(), TimeUnit.MILLISECONDS));
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE
            || attempt + 1 >= backoff.maxAttempts()) {
          throw CoordinationFailure.of(what, e);
        }
        Duration delay = backoff.delay(attempt, random);
        log.warn(
            "event=coord_unavailable call={} attempt={} retry_in_ms={}",
            what,
            attempt + 1,
            delay.toMillis());
        pauseFor(delay);
      }
    }
  }

  private void pauseFor(Duration delay) throws CoordinationFailure {
    try {
      pause.pause(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CoordinationFailure(
          CoordinationFailure.Reason.INTERRUPTED, "interrupted while waiting for the reconciler");
    }
  }
}
