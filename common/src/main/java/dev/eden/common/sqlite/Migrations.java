package dev.eden.common.sqlite;

import java.util.Arrays;
import java.util.List;

/**
 * A store's schema as an ordered list of steps: step {@code i} brings {@code PRAGMA user_version}
 * from {@code i} to {@code i + 1}. A released step is never edited; a change appends one.
 *
 * @param steps the statements of each step, in order
 */
public record Migrations(List<List<String>> steps) {

  public Migrations {
    steps = steps.stream().map(List::copyOf).toList();
  }

  /** Steps given as lists of statements. */
  public static Migrations of(List<List<String>> steps) {
    return new Migrations(steps);
  }

  /** Steps given as scripts of statements separated by {@code ;}. */
  public static Migrations scripts(List<String> scripts) {
    return new Migrations(
        scripts.stream()
            .map(script -> Arrays.stream(script.split(";")).filter(s -> !s.isBlank()).toList())
            .toList());
  }

  /** The version a database has once every step is applied. */
  public int latest() {
    return steps.size();
  }
}
