package dev.eden.reconciler.coord;

import java.util.Map;
import java.util.Optional;

/** The labels a node registered with ({@code AgentService.Register}); empty for unknown nodes. */
@FunctionalInterface
public interface NodeLabels {

  Optional<Map<String, String>> of(String node);
}
