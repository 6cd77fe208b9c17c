package dev.eden.schema.select;

/** A label selector that does not parse; {@code offset} is 0-based within the selector text. */
public final class SelectorSyntaxException extends IllegalArgumentException {
  private final int offset;

  public SelectorSyntaxException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
