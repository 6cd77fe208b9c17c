package dev.eden.schema.lang;

import static dev.eden.schema.lang.Field.optional;
import static dev.eden.schema.lang.Field.required;

import java.util.List;
import java.util.Optional;

/** The agent's vocabulary: every action and its parameters (DESIGN.md's action table). */
public final class ActionCatalog {

  /**
   * One action. {@code parameters} lists every parameter; {@code exactlyOneOf} groups parameters of
   * which exactly one must be given ({@code file.managed}: content, template or source).
   */
  public record ActionDef(
      String name, String description, List<Field> parameters, List<List<String>> exactlyOneOf) {
    public ActionDef {
      parameters = List.copyOf(parameters);
      exactlyOneOf = exactlyOneOf.stream().map(List::copyOf).toList();
    }

    public Optional<Field> parameter(String param) {
      return parameters.stream().filter(f -> f.name().equals(param)).findFirst();
    }

    public List<String> parameterNames() {
      return parameters.stream().map(Field::name).toList();
    }
  }

  private static final Field PATH = required("path", FieldType.TEXT, "Absolute path on the node.");
  private static final Field MODE = optional("mode", FieldType.TEXT, "File mode, e.g. \"0644\".");
  private static final Field OWNER = optional("owner", FieldType.TEXT, "Owning user.");
  private static final Field GROUP = optional("group", FieldType.TEXT, "Owning group.");
  private static final Field PKG_NAME = optional("name", FieldType.TEXT, "One package.");
  private static final Field PKG_NAMES = optional("names", FieldType.TEXT_LIST, "Packages.");
  private static final Field SERVICE = required("name", FieldType.TEXT, "The systemd unit.");
  private static final Field ENABLED =
      optional("enabled", FieldType.BOOL, "Whether the service starts at boot.");
  private static final Field RELOAD_ON =
      optional("reloadOn", FieldType.TEXT_LIST, "Steps whose change restarts the service.");

  private static final List<ActionDef> ACTIONS =
      List.of(
          new ActionDef(
              "file.managed",
              "A file with the given content, rendered template or source.",
              List.of(
                  PATH,
                  optional("content", FieldType.TEXT, "The file's content."),
                  optional(
                      "template",
                      FieldType.TEXT,
                      "A Handlebars file, relative to the manifest that names it."),
                  optional("source", FieldType.TEXT, "A file to copy."),
                  MODE,
                  OWNER,
                  GROUP,
                  optional("sensitive", FieldType.BOOL, "Do not show the content in diffs.")),
              List.of(List.of("content", "template", "source"))),
          new ActionDef("file.absent", "No file at path.", List.of(PATH), List.of()),
          new ActionDef("directory", "A directory.", List.of(PATH, MODE, OWNER, GROUP), List.of()),
          new ActionDef(
              "symlink",
              "A symbolic link at path pointing to target.",
              List.of(PATH, required("target", FieldType.TEXT, "What the link points to.")),
              List.of()),
          new ActionDef(
              "cmd.run",
              "Runs a command (changed only when it ran).",
              List.of(
                  required("cmd", FieldType.TEXT, "The command, run by /bin/sh -c."),
                  optional("creates", FieldType.TEXT, "Skip when this path exists."),
                  optional("unless", FieldType.TEXT, "Skip when this command succeeds."),
                  optional("onlyif", FieldType.TEXT, "Run only when this command succeeds."),
                  optional("cwd", FieldType.TEXT, "Working directory."),
                  optional("env", FieldType.TEXT_MAP, "Extra environment variables."),
                  optional("timeout", FieldType.POSITIVE_DURATION, "Kill the command after.")),
              List.of()),
          new ActionDef(
              "pkg.installed",
              "Packages installed (apt or dnf).",
              List.of(PKG_NAME, PKG_NAMES),
              List.of(List.of("name", "names"))),
          new ActionDef(
              "pkg.removed",
              "Packages removed (apt or dnf).",
              List.of(PKG_NAME, PKG_NAMES),
              List.of(List.of("name", "names"))),
          new ActionDef(
              "service.running",
              "A running systemd service.",
              List.of(SERVICE, ENABLED, RELOAD_ON),
              List.of()),
          new ActionDef(
              "service.stopped",
              "A stopped systemd service.",
              List.of(SERVICE, ENABLED, RELOAD_ON),
              List.of()));

  /**
   * Kinds of check only a Beacon may use: they look, and have nothing to apply. An {@code
   * expression} describes the healthy state: true passes.
   */
  private static final List<ActionDef> CHECK_ONLY =
      List.of(
          new ActionDef(
              "http.get",
              "Beacon check: passes when url answers a GET with status.",
              List.of(
                  required("url", FieldType.TEXT, "An http:// or https:// URL."),
                  optional("status", new FieldType.Count(100), "Expected status (default 200)."),
                  optional("timeout", FieldType.POSITIVE_DURATION, "Give up after (default 10s).")),
              List.of()),
          new ActionDef(
              "expression",
              "Beacon check: passes when the CEL expression over facts and node is true.",
              List.of(
                  required(
                      "expression",
                      FieldType.TEXT,
                      "CEL describing the healthy state, e.g. facts.memoryMb >= 512.")),
              List.of()));

  private static final List<ActionDef> CHECKS =
      java.util.stream.Stream.concat(ACTIONS.stream(), CHECK_ONLY.stream()).toList();

  /** The type of a step's {@code action}. */
  public static final FieldType.Choice ACTION_NAME = new FieldType.Choice("action", names(ACTIONS));

  /** The type of a beacon check's {@code action}: every action and the check-only kinds. */
  public static final FieldType.Choice CHECK_NAME = new FieldType.Choice("check", names(CHECKS));

  private ActionCatalog() {}

  public static List<ActionDef> all() {
    return ACTIONS;
  }

  /** What a beacon's check may be: every action, then the check-only kinds. */
  public static List<ActionDef> checks() {
    return CHECKS;
  }

  public static Optional<ActionDef> find(String name) {
    return ACTIONS.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  public static Optional<ActionDef> findCheck(String name) {
    return CHECKS.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  private static List<String> names(List<ActionDef> defs) {
    return defs.stream().map(ActionDef::name).toList();
  }
}
