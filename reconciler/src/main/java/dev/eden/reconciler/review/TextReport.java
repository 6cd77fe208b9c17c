package dev.eden.reconciler.review;

/**
 * {@code eden diff}'s output for a person: the summary, then one section per group of nodes with
 * identical changes, each step's change once, diffs bounded. Unchanged nodes are only named.
 */
public final class TextReport {

  private TextReport() {}

  public static String render(RevisionDiff d) {
    StringBuilder out = new StringBuilder();
    out.append(d.base()).append(" → ").append(d.head()).append('\n');
    out.append(Summary.line(d)).append('\n');
    if (!d.errors().isEmpty()) {
      d.errors().forEach(e -> out.append("  ").append(e).append('\n'));
      return out.toString();
    }
    if (!d.baseErrors().isEmpty()) {
      out.append("note: base does not compile (")
          .append(Summary.plural(d.baseErrors().size(), "error"))
          .append("); every node is compared with no plan\n");
    }
    for (RevisionDiff.Group g : d.groups()) {
      if (g.diff().state() != NodeDiff.State.UNCHANGED) {
        out.append('\n').append(Summary.heading(g)).append('\n');
        g.diff().errors().forEach(e -> out.append("  ").append(e).append('\n'));
        g.diff().steps().forEach(s -> step(out, s));
      }
    }
    return out.toString();
  }

  private static void step(StringBuilder out, StepChange s) {
    out.append("  ")
        .append(symbol(s.change()))
        .append(' ')
        .append(s.id())
        .append("  ")
        .append(s.action());
    if (s.runsAgain()) {
      out.append("  (runs again)");
    }
    if (!s.source().isEmpty()) {
      out.append("  ").append(s.source());
    }
    out.append('\n');
    for (FieldChange f : s.fields()) {
      field(out, s.change(), f);
    }
  }

  private static void field(StringBuilder out, StepChange.Change change, FieldChange f) {
    out.append("      ").append(f.field()).append(": ");
    if (f.sensitive()) {
      out.append(
          change == StepChange.Change.ADDED ? Redaction.HIDDEN : "changed " + Redaction.HIDDEN);
      out.append('\n');
    } else if (!f.diff().isEmpty()) {
      out.append('\n');
      for (String line : f.diff().split("\n", -1)) {
        out.append("        ").append(line).append('\n');
      }
    } else {
      out.append(value(change, f)).append('\n');
    }
  }

  /** {@code old → new}, or only the value of an added step or field. */
  static String value(StepChange.Change change, FieldChange f) {
    if (change == StepChange.Change.ADDED || f.before().isEmpty()) {
      return f.after();
    }
    return f.before() + " → " + (f.after().isEmpty() ? "(removed)" : f.after());
  }

  static char symbol(StepChange.Change c) {
    return switch (c) {
      case ADDED -> '+';
      case REMOVED -> '-';
      case CHANGED -> '~';
    };
  }
}
