package dev.eden.reconciler.review;

/**
 * The pull-request comment: a hidden marker (so the reconciler finds and edits its own comment),
 * the summary, and one section per group of nodes with identical changes. A comment over the
 * forge's limit keeps the summary and the groups, drops the diffs, and says so.
 */
public final class MarkdownReport {

  /** The first line of every comment eden writes. */
  public static final String MARKER = "<!-- eden:plan -->";

  /** The largest comment eden writes (GitHub refuses bodies over 65,536 characters). */
  public static final int MAX_CHARS = 60_000;

  private MarkdownReport() {}

  public static String render(RevisionDiff d) {
    return render(d, MAX_CHARS);
  }

  /** The comment, at most {@code maxChars} long. */
  public static String render(RevisionDiff d, int maxChars) {
    String full = render(d, true, "");
    if (full.length() <= maxChars) {
      return full;
    }
    String note =
        "\n> The diffs are not shown: the full comment would be "
            + full.length()
            + " characters, over the "
            + maxChars
            + " a comment may have. Run `eden diff --repo . "
            + d.base()
            + " "
            + d.head()
            + "` for them.\n";
    String cut = render(d, false, note);
    if (cut.length() <= maxChars) {
      return cut;
    }
    String more = "\n\n> Cut at " + maxChars + " characters.\n";
    return cut.substring(0, maxChars - more.length()) + more;
  }

  private static String render(RevisionDiff d, boolean diffs, String note) {
    StringBuilder out = new StringBuilder(MARKER).append('\n');
    out.append("### eden plan: `")
        .append(d.base())
        .append("` → `")
        .append(d.head())
        .append("`\n\n");
    out.append("**").append(escape(Summary.line(d))).append("**\n");
    if (!d.errors().isEmpty()) {
      out.append("\n```\n");
      d.errors().forEach(e -> out.append(e).append('\n'));
      return out.append("```\n").toString();
    }
    out.append(note);
    for (RevisionDiff.Group g : d.groups()) {
      if (g.diff().state() != NodeDiff.State.UNCHANGED) {
        group(out, g, diffs);
      }
    }
    return out.toString();
  }

  private static void group(StringBuilder out, RevisionDiff.Group g, boolean diffs) {
    out.append("\n#### ").append(escape(Summary.heading(g))).append("\n\n");
    if (!g.diff().errors().isEmpty()) {
      out.append("```\n");
      g.diff().errors().forEach(e -> out.append(e).append('\n'));
      out.append("```\n");
    }
    for (StepChange s : g.diff().steps()) {
      out.append("- ")
          .append(word(s.change()))
          .append(" `")
          .append(s.id())
          .append("` (")
          .append(s.action())
          .append(')')
          .append(s.runsAgain() ? " — **runs again**" : "")
          .append('\n');
      s.fields().forEach(f -> field(out, s.change(), f, diffs));
    }
  }

  private static void field(StringBuilder out, StepChange.Change c, FieldChange f, boolean diffs) {
    out.append("  - `").append(f.field()).append("`: ");
    if (f.sensitive()) {
      out.append(c == StepChange.Change.ADDED ? "" : "changed ").append(Redaction.HIDDEN);
      out.append('\n');
    } else if (!f.diff().isEmpty()) {
      if (diffs) {
        out.append("\n\n    ```diff\n");
        for (String line : f.diff().split("\n", -1)) {
          out.append("    ").append(line.replace("```", "`\u200b``")).append('\n');
        }
        out.append("    ```\n");
      } else {
        out.append("changed (diff not shown)\n");
      }
    } else {
      out.append('`').append(TextReport.value(c, f).replace("`", "'")).append("`\n");
    }
  }

  private static String word(StepChange.Change c) {
    return switch (c) {
      case ADDED -> "**added**";
      case REMOVED -> "**removed**";
      case CHANGED -> "**changed**";
    };
  }

  private static String escape(String text) {
    return text.replace("*", "\\*").replace("_", "\\_");
  }
}
