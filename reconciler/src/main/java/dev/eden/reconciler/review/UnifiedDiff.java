package dev.eden.reconciler.review;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.Arrays;
import java.util.List;

/** A unified diff of two texts, bounded: a diff longer than the limit is cut and says so. */
final class UnifiedDiff {

  /** Lines of context around each change. */
  static final int CONTEXT = 3;

  /** The most lines of one diff that are kept. */
  static final int MAX_LINES = 120;

  private UnifiedDiff() {}

  /** The hunks that turn {@code before} into {@code after} (no file header); "" when equal. */
  static String of(String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    Patch<String> patch = DiffUtils.diff(a, b);
    if (patch.getDeltas().isEmpty()) {
      return "";
    }
    List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a", "b", a, patch, CONTEXT);
    List<String> hunks = diff.subList(2, diff.size()); // drop the ---/+++ header
    if (hunks.size() <= MAX_LINES) {
      return String.join("\n", hunks);
    }
    return String.join("\n", hunks.subList(0, MAX_LINES))
        + "\n... "
        + (hunks.size() - MAX_LINES)
        + " more diff lines not shown";
  }

  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> lines = Arrays.asList(text.split("\n", -1));
    // a final newline ends the last line; it does not start another
    return text.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
  }

  /** Whether a value is shown as a diff rather than as {@code before → after}. */
  static boolean multiline(String text) {
    return text.contains("\n");
  }
}
