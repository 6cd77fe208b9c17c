package dev.eden.agent.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The agent's vocabulary: every action by the name plans use. */
public final class Actions {
  private final Map<String, Action> byName;

  private Actions(List<Action> actions) {
    this.byName = actions.stream().collect(Collectors.toMap(Action::name, Function.identity()));
  }

  /** Every built-in action. */
  public static Actions standard() {
    return new Actions(
        List.of(
            new FileManaged(),
            new FileAbsent(),
            new DirectoryAction(),
            new SymlinkAction(),
            new CmdRun(),
            new PackageAction(true),
            new PackageAction(false),
            new ServiceAction(true),
            new ServiceAction(false)));
  }

  public Optional<Action> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }
}
