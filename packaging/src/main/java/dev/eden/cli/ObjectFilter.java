package dev.eden.cli;

/**
 * The object of {@code eden get events --for KIND/NAME} or {@code --for KIND/NAMESPACE/NAME}; the
 * kind matches without regard to case ({@code taskbook/prod/web} as the table prints it works).
 *
 * @param namespace "" for any namespace (the {@code KIND/NAME} form)
 */
record ObjectFilter(String kind, String namespace, String name) {

  /**
   * @throws IllegalArgumentException naming the flag and the accepted forms
   */
  static ObjectFilter parse(String value) {
    String[] parts = value.split("/", -1);
    boolean blank = false;
    for (String p : parts) {
      blank |= p.isBlank();
    }
    if (parts.length < 2 || parts.length > 3 || blank) {
      throw new IllegalArgumentException(
          "--for: expected KIND/NAME or KIND/NAMESPACE/NAME (e.g. Node/web-1, TaskBook/prod/web),"
              + " got '"
              + value
              + "'");
    }
    return parts.length == 2
        ? new ObjectFilter(parts[0], "", parts[1])
        : new ObjectFilter(parts[0], parts[1], parts[2]);
  }

  /** No filter. */
  static ObjectFilter any() {
    return new ObjectFilter("", "", "");
  }
}
