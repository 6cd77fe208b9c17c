package dev.eden.reconciler.http;

import dev.eden.common.WireText;
import dev.eden.proto.NodeState;
import dev.eden.proto.NodeStatus;
import dev.eden.reconciler.pipeline.Metrics;
import dev.eden.reconciler.pipeline.NodeStatuses;
import dev.eden.reconciler.review.forge.PreviewCounts;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the reconciler's figures in the Prometheus text exposition format (0.0.4). */
final class MetricsText {

  private MetricsText() {}

  static String render(Metrics.Snapshot m, List<NodeStatus> nodes) {
    StringBuilder out = new StringBuilder();
    compileDuration(out, m);
    header(out, "eden_git_fetch_failures_total", "Git fetches that failed.", "counter");
    out.append("eden_git_fetch_failures_total ").append(m.fetchFailures()).append('\n');
    nodeStates(out, nodes);
    header(out, "eden_step_results_total", "Step results reported by agents.", "counter");
    m.stepResults()
        .forEach(
            (result, count) ->
                out.append("eden_step_results_total{result=\"")
                    .append(result)
                    .append("\"} ")
                    .append(count)
                    .append('\n'));
    return out.toString();
  }

  /** The figures of pull-request previews; "" when previews are off. */
  static String previews(java.util.Optional<PreviewCounts> counts) {
    if (counts.isEmpty()) {
      return "";
    }
    PreviewCounts c = counts.get();
    StringBuilder out = new StringBuilder();
    String name = "eden_pull_request_previews_total";
    header(out, name, "Pull-request previews, by result.", "counter");
    out.append(name).append("{result=\"planned\"} ").append(c.planned()).append('\n');
    out.append(name).append("{result=\"failed\"} ").append(c.failed()).append('\n');
    header(out, "eden_forge_request_failures_total", "Forge API calls that failed.", "counter");
    out.append("eden_forge_request_failures_total ").append(c.forgeFailures()).append('\n');
    return out.toString();
  }

  private static void compileDuration(StringBuilder out, Metrics.Snapshot m) {
    String name = "eden_revision_compile_duration_seconds";
    header(out, name, "Time to compile one revision.", "histogram");
    for (int i = 0; i < Metrics.COMPILE_BUCKETS.length; i++) {
      out.append(name)
          .append("_bucket{le=\"")
          .append(number(Metrics.COMPILE_BUCKETS[i]))
          .append("\"} ")
          .append(m.compileBuckets()[i])
          .append('\n');
    }
    out.append(name).append("_bucket{le=\"+Inf\"} ").append(m.compileCount()).append('\n');
    out.append(name).append("_sum ").append(number(m.compileSeconds())).append('\n');
    out.append(name).append("_count ").append(m.compileCount()).append('\n');
  }

  private static void nodeStates(StringBuilder out, List<NodeStatus> nodes) {
    header(out, "eden_node_state", "Known nodes by state.", "gauge");
    Map<NodeState, Integer> states = new EnumMap<>(NodeState.class);
    for (NodeState s : NodeStatuses.STATES) {
      states.put(s, 0);
    }
    nodes.forEach(n -> states.merge(n.getState(), 1, Integer::sum));
    states.forEach(
        (state, count) ->
            out.append("eden_node_state{state=\"")
                .append(WireText.of(state))
                .append("\"} ")
                .append(count)
                .append('\n'));
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String number(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d)
        ? String.format(Locale.ROOT, "%.1f", d)
        : String.format(Locale.ROOT, "%s", d);
  }
}
