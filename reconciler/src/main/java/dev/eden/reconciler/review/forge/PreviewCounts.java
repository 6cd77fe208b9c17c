package dev.eden.reconciler.review.forge;

/**
 * The figures of pull-request previews, for {@code /metrics}.
 *
 * @param planned previews whose plan was posted ({@code
 *     eden_pull_request_previews_total{result="planned"}})
 * @param failed previews that failed: HEAD does not compile, cannot be fetched, or the forge
 *     refused
 * @param forgeFailures forge calls that failed, each attempt counted
 */
public record PreviewCounts(long planned, long failed, long forgeFailures) {}
