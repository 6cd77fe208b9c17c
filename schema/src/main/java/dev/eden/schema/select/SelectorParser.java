package dev.eden.schema.select;

import dev.eden.schema.select.LabelSelector.Operator;
import dev.eden.schema.select.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A hand-written recursive-descent parser for {@link LabelSelector}; one instance per text. */
final class SelectorParser {
  private final String text;
  private int at;

  SelectorParser(String text) {
    this.text = text;
  }

  LabelSelector parse() {
    List<Requirement> out = new ArrayList<>();
    skipSpace();
    if (at == text.length()) {
      return LabelSelector.everything();
    }
    while (true) {
      out.add(requirement());
      skipSpace();
      if (at == text.length()) {
        return new LabelSelector(out);
      }
      expect(',');
    }
  }

  private Requirement requirement() {
    skipSpace();
    if (peek() == '!') {
      at++;
      skipSpace();
      return new Requirement(key(), Operator.DOES_NOT_EXIST, Set.of());
    }
    String key = key();
    skipSpace();
    if (at == text.length() || peek() == ',') {
      return new Requirement(key, Operator.EXISTS, Set.of());
    }
    if (text.startsWith("!=", at)) {
      at += 2;
      return new Requirement(key, Operator.NOT_EQUALS, Set.of(value(true)));
    }
    if (text.startsWith("==", at) || peek() == '=') {
      at += text.startsWith("==", at) ? 2 : 1;
      return new Requirement(key, Operator.EQUALS, Set.of(value(true)));
    }
    int wordStart = at;
    String word = word();
    return switch (word) {
      case "in" -> new Requirement(key, Operator.IN, valueSet());
      case "notin" -> new Requirement(key, Operator.NOT_IN, valueSet());
      default ->
          throw new SelectorSyntaxException(
              "expected one of '=', '!=', 'in', 'notin', ',' after key '"
                  + key
                  + "', found '"
                  + (word.isEmpty() ? String.valueOf(peek()) : word)
                  + "'",
              wordStart);
    };
  }

  private Set<String> valueSet() {
    skipSpace();
    expect('(');
    Set<String> values = new LinkedHashSet<>();
    while (true) {
      skipSpace();
      values.add(value(false));
      skipSpace();
      if (peek() == ')') {
        at++;
        return values;
      }
      if (peek() != ',') {
        throw new SelectorSyntaxException(
            at == text.length()
                ? "expected ')' at the end of the selector"
                : "expected ',' or ')', found '" + peek() + "'",
            at);
      }
      at++;
    }
  }

  private String key() {
    int start = at;
    String k = word();
    if (k.isEmpty()) {
      throw new SelectorSyntaxException(
          at == text.length()
              ? "expected a label key at the end of the selector"
              : "expected a label key, found '" + peek() + "'",
          start);
    }
    return k;
  }

  private String value(boolean allowEmpty) {
    skipSpace();
    int start = at;
    String v = word();
    if (v.isEmpty() && !allowEmpty) {
      throw new SelectorSyntaxException("expected a label value", start);
    }
    return v;
  }

  /** A key or value: letters, digits, '-', '_', '.', '/'. */
  private String word() {
    int start = at;
    while (at < text.length() && isWordChar(text.charAt(at))) {
      at++;
    }
    return text.substring(start, at);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new SelectorSyntaxException(
          at == text.length()
              ? "expected '" + c + "' at the end of the selector"
              : "expected '" + c + "', found '" + peek() + "'",
          at);
    }
    at++;
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void skipSpace() {
    while (at < text.length() && text.charAt(at) == ' ') {
      at++;
    }
  }
}
