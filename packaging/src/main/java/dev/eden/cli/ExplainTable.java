package dev.eden.cli;

import dev.eden.reconciler.compile.VariableExplanation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code eden plan --explain}: an aligned table of every variable and the object it came from; when
 * a value is combined from others, a last column names them.
 */
final class ExplainTable {

  private static final int MAX_VALUE = 48;

  private ExplainTable() {}

  static String render(VariableExplanation explanation) {
    boolean combined = explanation.entries().stream().anyMatch(e -> !e.madeFrom().isEmpty());
    int columns = combined ? 5 : 4;
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TASKBOOK", "KEY", "VALUE", "FROM", "MADE-FROM"});
    for (VariableExplanation.Entry e : explanation.entries()) {
      rows.add(
          new String[] {
            e.scope(),
            "vars." + e.key(),
            shorten(String.valueOf(e.value())),
            e.from() + " " + e.pos(),
            String.join(", ", e.madeFrom())
          });
    }
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns - 1; i++) {
        line.append(String.format("%-" + width[i] + "s  ", r[i]));
      }
      line.append(r[columns - 1]);
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String shorten(String s) {
    String one = s.replace("\n", "\\n");
    return one.length() <= MAX_VALUE ? one : one.substring(0, MAX_VALUE - 1) + "…";
  }
}
