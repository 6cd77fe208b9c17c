package dev.eden.cli;

import dev.eden.reconciler.compile.VariableExplanation;
import java.util.ArrayList;
import java.util.List;

/** {@code eden plan --explain}: an aligned table of every variable and the object it came from. */
final class ExplainTable {

  private static final int MAX_VALUE = 48;

  private ExplainTable() {}

  static String render(VariableExplanation explanation) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TASKBOOK", "KEY", "VALUE", "FROM"});
    for (VariableExplanation.Entry e : explanation.entries()) {
      rows.add(
          new String[] {
            e.scope(),
            "vars." + e.key(),
            shorten(String.valueOf(e.value())),
            e.from() + " " + e.pos()
          });
    }
    int[] width = new int[4];
    for (String[] r : rows) {
      for (int i = 0; i < 4; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < 3; i++) {
        out.append(String.format("%-" + width[i] + "s  ", r[i]));
      }
      out.append(r[3]).append('\n');
    }
    return out.toString();
  }

  private static String shorten(String s) {
    String one = s.replace("\n", "\\n");
    return one.length() <= MAX_VALUE ? one : one.substring(0, MAX_VALUE - 1) + "…";
  }
}
