package dev.eden.schema.lang;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?": the closest known name within a small edit distance. */
public final class NearNames {

  private NearNames() {}

  /**
   * The known name nearest to {@code typed}, if any: case-insensitive edit distance (with
   * transpositions) of at most 1 for short words and 2 for longer ones.
   */
  public static Optional<String> nearest(String typed, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String t = typed.toLowerCase(Locale.ROOT);
    for (String k : known) {
      int d = distance(t, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    int allowed = typed.length() <= 4 ? 1 : 2;
    return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
  }

  /** " (did you mean 'X'?)" or the empty string. */
  public static String hint(String typed, Collection<String> known) {
    return nearest(typed, known).map(n -> " (did you mean '" + n + "'?)").orElse("");
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2 || a.length() > 200 || b.length() > 200) {
      return Integer.MAX_VALUE;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }
}
