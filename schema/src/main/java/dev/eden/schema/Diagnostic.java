package dev.eden.schema;

/** One located problem in a manifest tree: {@code path:LINE:COL: message}. */
public record Diagnostic(SourcePos pos, String message) implements Comparable<Diagnostic> {

  @Override
  public int compareTo(Diagnostic o) {
    int c = pos.compareTo(o.pos);
    return c != 0 ? c : message.compareTo(o.message);
  }

  @Override
  public String toString() {
    return pos + ": " + message;
  }
}
