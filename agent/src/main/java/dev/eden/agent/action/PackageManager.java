package dev.eden.agent.action;

import dev.eden.agent.proc.CommandResult;
import dev.eden.agent.proc.CommandSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The commands of one package manager family: query which are installed, install, remove. */
enum PackageManager {
  APT {
    @Override
    List<String> query(List<String> names) {
      return concat(List.of("dpkg-query", "-W", "-f=${Package}\\t${db:Status-Abbrev}\\n"), names);
    }

    @Override
    Set<String> installed(CommandResult r) {
      Set<String> out = new HashSet<>();
      for (String line : r.stdout().split("\n")) {
        String[] cols = line.split("\t");
        if (cols.length == 2 && cols[1].startsWith("ii")) {
          out.add(cols[0].contains(":") ? cols[0].substring(0, cols[0].indexOf(':')) : cols[0]);
        }
      }
      return out;
    }

    @Override
    List<String> install(List<String> names) {
      return concat(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"), names);
    }

    @Override
    List<String> remove(List<String> names) {
      return concat(List.of("apt-get", "remove", "-y", "-q"), names);
    }

    @Override
    Map<String, String> env() {
      return Map.of("DEBIAN_FRONTEND", "noninteractive");
    }
  },
  DNF {
    @Override
    List<String> query(List<String> names) {
      return concat(List.of("rpm", "-q", "--qf", "%{NAME}\\n"), names);
    }

    @Override
    Set<String> installed(CommandResult r) {
      Set<String> out = new HashSet<>();
      for (String line : r.stdout().split("\n")) {
        String name = line.strip();
        if (!name.isEmpty() && !name.contains(" ")) {
          out.add(name);
        }
      }
      return out;
    }

    @Override
    List<String> install(List<String> names) {
      return concat(List.of("dnf", "install", "-y", "-q"), names);
    }

    @Override
    List<String> remove(List<String> names) {
      return concat(List.of("dnf", "remove", "-y", "-q"), names);
    }

    @Override
    Map<String, String> env() {
      return Map.of();
    }
  };

  static final Duration TIMEOUT = Duration.ofMinutes(15);

  /** argv listing the installed ones among {@code names} (exit code ignored: missing ones fail). */
  abstract List<String> query(List<String> names);

  /** The installed package names in a query's output. */
  abstract Set<String> installed(CommandResult queryResult);

  abstract List<String> install(List<String> names);

  abstract List<String> remove(List<String> names);

  abstract Map<String, String> env();

  CommandSpec spec(List<String> argv) {
    return new CommandSpec(argv, null, env(), TIMEOUT);
  }

  /** The manager for an {@code os.family} fact; {@code null} when there is none we know. */
  static PackageManager forFamily(String family) {
    return switch (family) {
      case "debian" -> APT;
      case "rhel" -> DNF;
      default -> null;
    };
  }

  private static List<String> concat(List<String> head, List<String> tail) {
    List<String> out = new ArrayList<>(head);
    out.addAll(tail);
    return out;
  }
}
