package dev.eden.schema;

/**
 * Where something was written: a repository-relative file and a 1-based line and column.
 *
 * <p>Printed as {@code path/to/file.yaml:LINE:COL}, the form editors and terminals turn into links.
 */
public record SourcePos(String file, int line, int column) implements Comparable<SourcePos> {

  /** A position for a whole file, when nothing finer is known. */
  public static SourcePos ofFile(String file) {
    return new SourcePos(file, 1, 1);
  }

  @Override
  public int compareTo(SourcePos o) {
    int c = file.compareTo(o.file);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
