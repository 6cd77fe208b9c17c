package dev.eden.reconciler.source;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes credentials from text before it reaches a log, an event or an error message: the user
 * info of every URL ({@code https://user:token@host} becomes {@code https://***@host}) and every
 * known secret value.
 */
public final class Redactor {

  private static final Pattern USER_INFO =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");
  private static final String MASK = "***";

  private final List<String> secrets;

  public Redactor(List<String> secrets) {
    this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
  }

  public static Redactor none() {
    return new Redactor(List.of());
  }

  /** {@code text} without URL user info and without any known secret. */
  public String apply(String text) {
    if (text == null) {
      return "";
    }
    String out = USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }
}
