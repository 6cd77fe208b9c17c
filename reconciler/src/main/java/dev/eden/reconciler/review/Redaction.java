package dev.eden.reconciler.review;

import com.google.protobuf.Value;
import dev.eden.proto.PlanStep;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a plan shown to people hides: every parameter of a {@code sensitive} step (and of a {@code
 * file.managed} step with {@code sensitive: true}) except the few that say where and what, and the
 * run-time values that stand in parameters as deferred tokens (exports, outputs of earlier steps).
 */
public final class Redaction {

  /** What a hidden value is shown as. */
  public static final String HIDDEN = "(sensitive)";

  /** The parameters of a sensitive step that are still shown. */
  public static final Set<String> SHOWN =
      Set.of("path", "name", "names", "mode", "owner", "group", "target", "enabled", "sensitive");

  private static final Pattern DEFERRED = Pattern.compile("@@eden:(export|output):(.+?)@@");

  private Redaction() {}

  /** Whether {@code step}'s values are hidden from people. */
  public static boolean sensitive(PlanStep step) {
    Value flag = step.getParameters().getFieldsOrDefault("sensitive", Value.getDefaultInstance());
    return step.getSensitive() || flag.getBoolValue();
  }

  /** Whether parameter {@code key} of {@code step} is hidden. */
  public static boolean hides(PlanStep step, String key) {
    return sensitive(step) && !SHOWN.contains(key);
  }

  /**
   * {@code text} with each deferred token written as what it stands for: {@code (export NAME)},
   * {@code (output of STEP)}; their values are only known on the node, at run time.
   */
  public static String deferred(String text) {
    return DEFERRED
        .matcher(text)
        .replaceAll(
            m ->
                java.util.regex.Matcher.quoteReplacement(
                    m.group(1).equals("export")
                        ? "(export " + m.group(2) + ")"
                        : "(output of " + m.group(2) + ")"));
  }
}
