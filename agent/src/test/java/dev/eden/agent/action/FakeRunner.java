package dev.eden.agent.action;

import dev.eden.agent.proc.CommandResult;
import dev.eden.agent.proc.CommandRunner;
import dev.eden.agent.proc.CommandSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records every command and answers from a table keyed by the command's first two words. */
final class FakeRunner implements CommandRunner {
  final List<List<String>> calls = new ArrayList<>();
  final Map<String, CommandResult> answers = new LinkedHashMap<>();

  FakeRunner answer(String prefix, int code, String stdout) {
    answers.put(prefix, new CommandResult(code, stdout, "", false));
    return this;
  }

  @Override
  public CommandResult run(CommandSpec spec) {
    calls.add(spec.argv());
    String line = String.join(" ", spec.argv());
    return answers.entrySet().stream()
        .filter(e -> line.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(new CommandResult(0, "", "", false));
  }
}
