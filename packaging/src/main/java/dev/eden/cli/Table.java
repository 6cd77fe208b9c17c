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
    int[] widths = new int[headers.size()];
    for (List<String> line : lines()) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : lines()) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        text.append(line.get(i));
        if (i < widths.length - 1) {
          text.append(" ".repeat(widths[i] - line.get(i).length() + 3));
        }
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private List<List<String>> lines() {
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    return all;
  }
}
