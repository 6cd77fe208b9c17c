package dev.eden.reconciler.trust;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Node labels bound to a token, stored as {@code k=v,k2=v2} (sorted). */
final class Labels {

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9._/-]{1,253}");

  private Labels() {}

  static String encode(Map<String, String> labels) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(labels)
        .forEach(
            (k, v) -> {
              require(k, "label key");
              if (!v.isEmpty()) {
                require(v, "label value");
              }
              b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v);
            });
    return b.toString();
  }

  static Map<String, String> decode(String text) {
    Map<String, String> out = new TreeMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return out;
  }

  private static void require(String s, String what) {
    if (!PART.matcher(s).matches()) {
      throw TrustException.invalid(
          what + " '" + s + "' must be letters, digits, '.', '_', '/' or '-'");
    }
  }
}
