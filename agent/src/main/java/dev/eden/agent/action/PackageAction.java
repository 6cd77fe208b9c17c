package dev.eden.agent.action;

import dev.eden.agent.proc.CommandResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code pkg.installed} / {@code pkg.removed}: the named packages are (not) installed. One query
 * for all names, then one install or remove call for the ones that differ.
 */
final class PackageAction implements Action {
  private final boolean installed;

  PackageAction(boolean installed) {
    this.installed = installed;
  }

  @Override
  public String name() {
    return installed ? "pkg.installed" : "pkg.removed";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("name", "names");
  }

  @Override
  public Outcome apply(Params p, ActionContext ctx) {
    List<String> names = names(p);
    String family = ctx.fact("os.family");
    PackageManager pm = PackageManager.forFamily(family);
    if (pm == null) {
      return Outcome.failed("no package manager known for os.family '" + family + "'");
    }
    if (!ctx.fs().isHost()) {
      return Outcome.skipped("packages cannot be confined to --root " + ctx.fs().root());
    }
    Set<String> present = pm.installed(ctx.runner().run(pm.spec(pm.query(names))));
    List<String> todo = new ArrayList<>();
    for (String n : names) {
      if (present.contains(n) != installed) {
        todo.add(n);
      }
    }
    if (todo.isEmpty()) {
      return Outcome.unchanged(String.join(" ", names) + (installed ? " installed" : " absent"));
    }
    String verb = installed ? "install " : "remove ";
    if (ctx.dryRun()) {
      return Outcome.changed("would " + verb + String.join(" ", todo));
    }
    CommandResult r = ctx.runner().run(pm.spec(installed ? pm.install(todo) : pm.remove(todo)));
    if (!r.ok()) {
      String why = r.timedOut() ? "timed out" : "exit code " + r.exitCode() + ": " + r.tail();
      return Outcome.failed(verb + String.join(" ", todo) + " failed: " + why);
    }
    return Outcome.changed((installed ? "installed " : "removed ") + String.join(" ", todo));
  }

  private static List<String> names(Params p) {
    Set<String> names = new LinkedHashSet<>(p.strings("names"));
    p.optString("name").ifPresent(names::add);
    if (names.isEmpty()) {
      throw p.bad("missing parameter 'name' or 'names'");
    }
    for (String n : names) {
      if (!n.matches("[A-Za-z0-9][A-Za-z0-9+._:~=-]*")) {
        throw p.bad("'" + n + "' is not a package name");
      }
    }
    return new ArrayList<>(names);
  }
}
