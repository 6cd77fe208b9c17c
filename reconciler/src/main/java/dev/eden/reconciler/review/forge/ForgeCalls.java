package dev.eden.reconciler.review.forge;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a forge, trying again with backoff while the failure may pass (network, 5xx, 429). A
 * refused token is logged once, not on every preview.
 */
final class ForgeCalls {

  private static final Logger LOG = LoggerFactory.getLogger(ForgeCalls.class);

  /** Waits between attempts; tests pass one that only records. */
  @FunctionalInterface
  interface Pause {
    void pause(Duration d) throws InterruptedException;
  }

  /** One call to the forge. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws ForgeException;
  }

  private final ForgeConfig.Retry retry;
  private final Pause pause;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicBoolean refusalLogged = new AtomicBoolean();

  ForgeCalls(ForgeConfig.Retry retry, Pause pause) {
    this.retry = retry;
    this.pause = pause;
  }

  <T> T call(String what, Call<T> call) throws ForgeException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (ForgeException e) {
        failures.incrementAndGet();
        if (e.refusedToken() && refusalLogged.compareAndSet(false, true)) {
          LOG.error(
              "event=forge_token_refused status={} reason=\"{}\" next=\"check"
                  + " --forge-token-file and the token's scopes\"",
              e.status(),
              e.getMessage());
        }
        if (!e.retryable() || attempt >= retry.attempts()) {
          throw e;
        }
        Duration wait = retry.before(attempt + 1);
        LOG.warn(
            "event=forge_call_failed call={} attempt={} status={} retry_in_ms={} reason=\"{}\"",
            what,
            attempt,
            e.status(),
            wait.toMillis(),
            e.getMessage());
        waitFor(wait, e);
      }
    }
  }

  private void waitFor(Duration wait, ForgeException cause) throws ForgeException {
    try {
      pause.pause(wait);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw cause;
    }
  }

  long failures() {
    return failures.get();
  }
}
