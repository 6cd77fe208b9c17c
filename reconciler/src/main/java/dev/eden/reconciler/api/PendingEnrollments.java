package dev.eden.reconciler.api;

import java.time.Instant;
import java.util.List;

/**
 * Nodes whose enrollment waits for {@code eden nodes approve}: {@code eden get nodes} lists them as
 * {@code Pending}, as Puppet lists unsigned certificate requests.
 */
@FunctionalInterface
public interface PendingEnrollments {

  /** One waiting request: the node name it asks for and when it last asked. */
  record Waiting(String node, Instant requested) {}

  List<Waiting> waiting();

  static PendingEnrollments none() {
    return List::of;
  }
}
