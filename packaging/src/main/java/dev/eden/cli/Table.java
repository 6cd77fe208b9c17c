package dev.eden.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table like {@code kubectl get}: upper-case headers, columns three spaces apart.
 */
final class Table {

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = List.of(headers);
  }

  Table row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + headers.size() + " columns");
    }
    rows.add(List.of(cells));
    return this;
  }

  String render() {
    return render(widths());
  }

  /** The table with the given column widths (from {@link #widths()}, perhaps grown). */
  String render(int[] widths) {
    StringBuilder out = new StringBuilder();
    for (List<String> line : lines()) {
      out.append(line(line, widths)).append('\n');
    }
    return out.toString();
  }

  /** The width of each column: its widest cell, header included. */
  int[] widths() {
    int[] widths = new int[headers.size()];
    for (List<String> line : lines()) {
      grow(widths, line);
    }
    return widths;
  }

  /** Widens {@code widths} where a cell of {@code cells} is wider. */
  static void grow(int[] widths, List<String> cells) {
    for (int i = 0; i < widths.length; i++) {
      widths[i] = Math.max(widths[i], cells.get(i).length());
    }
  }

  /**
   * One line with the given column widths (a cell wider than its column pushes the rest right).
   * {@code --watch} prints later rows with the widths of the table listed first.
   */
  static String line(List<String> cells, int[] widths) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      text.append(cells.get(i));
      if (i < widths.length - 1) {
        text.append(" ".repeat(Math.max(0, widths[i] - cells.get(i).length()) + 3));
      }
    }
    return text.toString().stripTrailing();
  }

  private List<List<String>> lines() {
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    return all;
  }
}
