package dev.eden.reconciler.trust;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where refused actions go: the reconciler connects this to its event log. */
@FunctionalInterface
public interface AuditSink {

  /** {@code identity} tried {@code action} (a gRPC method or verb) on {@code target}. */
  void denied(Identity identity, String action, String target);

  /** Writes one warning line per refusal. */
  static AuditSink logging() {
    Logger log = LoggerFactory.getLogger(AuditSink.class);
    return (identity, action, target) ->
        log.warn(
            "event=permission-denied identity={} action={} target={}",
            identity.describe(),
            action,
            target);
  }

  /** Sends each refusal to this sink and then to {@code next}. */
  default AuditSink andThen(AuditSink next) {
    return (identity, action, target) -> {
      denied(identity, action, target);
      next.denied(identity, action, target);
    };
  }
}
