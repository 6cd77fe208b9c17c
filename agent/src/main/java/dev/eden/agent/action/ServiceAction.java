package dev.eden.agent.action;

import dev.eden.agent.proc.CommandResult;
import dev.eden.agent.proc.CommandSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code service.running} / {@code service.stopped} through systemctl. One {@code systemctl show}
 * reads the state; {@code enabled} also sets whether it starts at boot; {@code reloadOn} names
 * steps (by name or id) whose change in this run restarts a running service.
 */
final class ServiceAction implements Action {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private final boolean running;

  ServiceAction(boolean running) {
    this.running = running;
  }

  @Override
  public String name() {
    return running ? "service.running" : "service.stopped";
  }

  @Override
  public Set<String> parameters() {
    return running ? Set.of("name", "enabled", "reloadOn") : Set.of("name", "enabled");
  }

  @Override
  public Outcome apply(Params p, ActionContext ctx) {
    String name = p.string("name");
    if (!name.matches("[A-Za-z0-9@._:-]+")) {
      throw p.bad("'" + name + "' is not a service name");
    }
    Optional<Boolean> enabled =
        p.has("enabled") ? Optional.of(p.bool("enabled", true)) : Optional.empty();
    List<String> reloadOn = p.strings("reloadOn");
    if (!ctx.fs().isHost()) {
      return Outcome.skipped("services cannot be confined to --root " + ctx.fs().root());
    }
    Map<String, String> state = show(ctx, name);
    if ("not-found".equals(state.get("LoadState"))) {
      return Outcome.failed("service " + name + " not found");
    }
    List<List<String>> todo = plan(name, state, enabled, reloadOn, ctx);
    if (todo.isEmpty()) {
      return Outcome.unchanged(name + " is " + state.getOrDefault("ActiveState", "?"));
    }
    String what = describe(todo);
    if (ctx.dryRun()) {
      return Outcome.changed("would " + what);
    }
    for (List<String> argv : todo) {
      CommandResult r = ctx.runner().run(new CommandSpec(argv, null, Map.of(), TIMEOUT));
      if (!r.ok()) {
        return Outcome.failed(String.join(" ", argv) + " failed: " + r.tail());
      }
    }
    return Outcome.changed(what);
  }

  private List<List<String>> plan(
      String name,
      Map<String, String> state,
      Optional<Boolean> enabled,
      List<String> reloadOn,
      ActionContext ctx) {
    List<List<String>> todo = new ArrayList<>();
    boolean active = "active".equals(state.get("ActiveState"));
    if (enabled.isPresent()) {
      boolean isEnabled = "enabled".equals(state.get("UnitFileState"));
      if (isEnabled != enabled.get()) {
        todo.add(List.of("systemctl", enabled.get() ? "enable" : "disable", name));
      }
    }
    if (running && !active) {
      todo.add(List.of("systemctl", "start", name));
    } else if (running && reloadOn.stream().anyMatch(ctx.changedEarlier())) {
      todo.add(List.of("systemctl", "restart", name));
    } else if (!running && active) {
      todo.add(List.of("systemctl", "stop", name));
    }
    return todo;
  }

  /** {@code systemctl show -p …} as a map (LoadState, ActiveState, UnitFileState). */
  static Map<String, String> show(ActionContext ctx, String name) {
    List<String> argv =
        List.of("systemctl", "show", "-p", "LoadState,ActiveState,UnitFileState", name);
    CommandResult r = ctx.runner().run(new CommandSpec(argv, null, Map.of(), TIMEOUT));
    if (!r.ok()) {
      throw new IllegalStateException("systemctl show " + name + " failed: " + r.tail());
    }
    return parse(r.stdout());
  }

  static Map<String, String> parse(String out) {
    Map<String, String> m = new HashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return m;
  }

  private static String describe(List<List<String>> todo) {
    List<String> parts = new ArrayList<>();
    for (List<String> argv : todo) {
      parts.add(argv.get(1) + " " + argv.get(2));
    }
    return String.join(", ", parts);
  }
}
