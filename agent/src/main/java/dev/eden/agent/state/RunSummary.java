package dev.eden.agent.state;

import java.time.Instant;

/** One line of the run history. */
public record RunSummary(
    long runNumber,
    String runId,
    String planHash,
    String revision,
    Instant started,
    Instant finished,
    int changed,
    int failed,
    boolean dryRun,
    String trigger) {}
