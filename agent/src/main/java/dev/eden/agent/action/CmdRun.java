package dev.eden.agent.action;

import dev.eden.agent.proc.CommandResult;
import dev.eden.agent.proc.CommandSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code cmd.run}: runs {@code cmd} with {@code /bin/sh -c}, unless a guard says it is not needed:
 * {@code creates} (a path that exists), {@code unless} (a command that succeeds), {@code onlyif} (a
 * command that fails). Changed only when it ran; its output is its standard output, trimmed.
 * Commands run with {@code EDEN_ROOT} set and their folder under the root.
 */
final class CmdRun implements Action {

  @Override
  public String name() {
    return "cmd.run";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("cmd", "creates", "unless", "onlyif", "cwd", "env", "timeout");
  }

  @Override
  public Outcome apply(Params p, ActionContext ctx) {
    String cmd = p.string("cmd");
    Duration timeout = p.duration("timeout").orElse(Duration.ZERO);
    Path cwd = ctx.fs().resolveFollow(p.optString("cwd").orElse("/"));
    if (!Files.isDirectory(cwd)) {
      throw p.bad("cwd '" + p.string("cwd") + "' is not a directory");
    }
    Map<String, String> env = new HashMap<>(p.stringMap("env"));
    env.put("EDEN_ROOT", ctx.fs().root().toString());
    Optional<String> guard = guard(p, ctx, cwd, env, timeout);
    if (guard.isPresent()) {
      return Outcome.unchanged(guard.get());
    }
    if (ctx.dryRun()) {
      return Outcome.changed(ctx.sensitive() ? "would run the command" : "would run: " + cmd);
    }
    CommandResult r = ctx.runner().run(CommandSpec.shell(cmd, cwd, env, timeout));
    String output = r.stdout().strip();
    if (r.timedOut()) {
      return new Outcome.Failed("timed out after " + timeout.toSeconds() + "s and was killed", "");
    }
    if (r.exitCode() != 0) {
      String tail = ctx.sensitive() || r.tail().isEmpty() ? "" : ": " + r.tail();
      return new Outcome.Failed("exit code " + r.exitCode() + tail, output);
    }
    return new Outcome.Changed("ran (exit code 0)", "", output);
  }

  /** Why the command need not run, or empty when it must. */
  private static Optional<String> guard(
      Params p, ActionContext ctx, Path cwd, Map<String, String> env, Duration timeout) {
    Optional<String> creates = p.optString("creates");
    if (creates.isPresent() && Files.exists(ctx.fs().resolveFollow(creates.get()))) {
      return Optional.of("skipped run: " + creates.get() + " exists");
    }
    Optional<String> unless = p.optString("unless");
    if (unless.isPresent() && check(unless.get(), ctx, cwd, env, timeout)) {
      return Optional.of("skipped run: 'unless' command succeeded");
    }
    Optional<String> onlyif = p.optString("onlyif");
    if (onlyif.isPresent() && !check(onlyif.get(), ctx, cwd, env, timeout)) {
      return Optional.of("skipped run: 'onlyif' command failed");
    }
    return Optional.empty();
  }

  private static boolean check(
      String script, ActionContext ctx, Path cwd, Map<String, String> env, Duration timeout) {
    return ctx.runner().run(CommandSpec.shell(script, cwd, new HashMap<>(env), timeout)).ok();
  }
}
