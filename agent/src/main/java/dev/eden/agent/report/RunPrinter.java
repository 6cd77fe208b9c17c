package dev.eden.agent.report;

import dev.eden.agent.exec.Reports;
import dev.eden.common.WireJson;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import java.time.Duration;

/**
 * A run as a person reads it — one aligned line per step ({@code ✓} unchanged, {@code ~} changed,
 * {@code ✗} failed, {@code –} skipped) and a summary — or as JSON for machines.
 */
public final class RunPrinter {
  private RunPrinter() {}

  public static String human(RunReport r) {
    int width = 0;
    int actionWidth = 0;
    for (StepResult s : r.getStepsList()) {
      width = Math.max(width, s.getStepId().length());
      actionWidth = Math.max(actionWidth, s.getAction().length());
    }
    StringBuilder out = new StringBuilder();
    for (StepResult s : r.getStepsList()) {
      out.append(mark(s.getStatus()))
          .append(' ')
          .append(pad(s.getStepId(), width))
          .append("  ")
          .append(pad(s.getAction(), actionWidth))
          .append("  ")
          .append(String.format("%6d ms", s.getDurationMs()));
      if (s.getStatus() != StepResult.Status.UNCHANGED && !s.getMessage().isEmpty()) {
        out.append("  ").append(s.getMessage());
      }
      out.append('\n');
    }
    out.append(summary(r)).append('\n');
    return out.toString();
  }

  /** "run 7 (dry run): 3 changed, 10 unchanged, 1 failed, 0 skipped in 1.234 s". */
  public static String summary(RunReport r) {
    int[] c = Reports.counts(r.getStepsList());
    Duration took =
        Duration.ofSeconds(
            r.getFinished().getSeconds() - r.getStarted().getSeconds(),
            r.getFinished().getNanos() - r.getStarted().getNanos());
    return String.format(
        "run %d%s: %d changed, %d unchanged, %d failed, %d skipped in %.3f s",
        r.getRunNumber(),
        r.getDryRun() ? " (dry run)" : "",
        c[0],
        c[1],
        c[2],
        c[3],
        took.toNanos() / 1e9);
  }

  /** As JSON for machines, enum values by their text ({@code "trigger": "interval"}). */
  public static String json(RunReport r) {
    return WireJson.print(r) + "\n";
  }

  private static String mark(StepResult.Status s) {
    return switch (s) {
      case CHANGED -> "~";
      case UNCHANGED -> "✓";
      case FAILED -> "✗";
      default -> "–";
    };
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
