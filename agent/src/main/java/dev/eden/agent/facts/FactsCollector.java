package dev.eden.agent.facts;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.agent.proc.CommandResult;
import dev.eden.agent.proc.CommandRunner;
import dev.eden.agent.proc.CommandSpec;
import dev.eden.common.proto.Values;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The node's facts: hostname, {@code os.family/release/name}, kernel, arch, cpus, memoryMb,
 * ipv4/ipv6, plus custom facts from {@code <data-dir>/facts.d} (YAML or JSON files, or executables
 * that print YAML or JSON), merged on top.
 */
public final class FactsCollector {
  private static final Logger log = LoggerFactory.getLogger(FactsCollector.class);
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);
  private final Path proc;
  private final Path etc;
  private final Optional<Path> factsDir;
  private final CommandRunner runner;

  /**
   * @param proc usually {@code /proc}
   * @param etc usually {@code /etc} (for {@code os-release} and {@code hostname})
   */
  public FactsCollector(Path proc, Path etc, Optional<Path> factsDir, CommandRunner runner) {
    this.proc = proc;
    this.etc = etc;
    this.factsDir = factsDir;
    this.runner = runner;
  }

  public static FactsCollector system(Optional<Path> dataDir, CommandRunner runner) {
    return new FactsCollector(
        Path.of("/proc"), Path.of("/etc"), dataDir.map(d -> d.resolve("facts.d")), runner);
  }

  public Struct collect() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("hostname", hostname());
    facts.put("os", os());
    facts.put("kernel", firstLine(proc.resolve("sys/kernel/osrelease")).orElse(""));
    facts.put("arch", arch());
    facts.put("cpus", Runtime.getRuntime().availableProcessors());
    facts.put("memoryMb", memoryMb());
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    addresses(v4, v6);
    facts.put("ipv4", v4);
    facts.put("ipv6", v6);
    Struct.Builder b = Values.struct(facts).toBuilder();
    custom().forEach(b::putFields);
    return b.build();
  }

  private String hostname() {
    return firstLine(proc.resolve("sys/kernel/hostname"))
        .or(() -> firstLine(etc.resolve("hostname")))
        .orElseGet(
            () -> {
              try {
                return InetAddress.getLocalHost().getHostName();
              } catch (IOException e) {
                return "localhost";
              }
            });
  }

  Map<String, Object> os() {
    Map<String, String> rel = OsRelease.read(etc.resolve("os-release"));
    Map<String, Object> os = new LinkedHashMap<>();
    os.put("family", OsRelease.family(rel));
    os.put("release", rel.getOrDefault("VERSION_ID", ""));
    os.put("name", rel.getOrDefault("ID", ""));
    os.put("prettyName", rel.getOrDefault("PRETTY_NAME", ""));
    return os;
  }

  private static String arch() {
    String a = System.getProperty("os.arch", "");
    return switch (a) {
      case "amd64" -> "x86_64";
      case "arm64" -> "aarch64";
      default -> a;
    };
  }

  private long memoryMb() {
    try (Stream<String> lines = Files.lines(proc.resolve("meminfo"))) {
      return lines
          .filter(l -> l.startsWith("MemTotal:"))
          .map(l -> l.replaceAll("[^0-9]", ""))
          .mapToLong(kb -> Long.parseLong(kb) / 1024)
          .findFirst()
          .orElse(0);
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private static void addresses(List<String> v4, List<String> v6) {
    TreeSet<String> four = new TreeSet<>();
    TreeSet<String> six = new TreeSet<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (nif.isLoopback() || !nif.isUp()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          String text = a.getHostAddress();
          if (a instanceof Inet4Address) {
            four.add(text);
          } else if (a instanceof Inet6Address) {
            six.add(text.contains("%") ? text.substring(0, text.indexOf('%')) : text);
          }
        }
      }
    } catch (SocketException e) {
      log.warn("event=facts-addresses-failed error={}", e.getMessage());
    }
    v4.addAll(four);
    v6.addAll(six);
  }

  /** Custom facts, file by file in name order; a broken file is logged and left out. */
  Map<String, Value> custom() {
    Map<String, Value> out = new LinkedHashMap<>();
    if (factsDir.isEmpty() || !Files.isDirectory(factsDir.get())) {
      return out;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(factsDir.get())) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      log.warn("event=facts-dir-unreadable dir={} error={}", factsDir.get(), e.getMessage());
      return out;
    }
    for (Path f : files) {
      try {
        Optional<String> text = customText(f);
        if (text.isPresent()) {
          Object loaded = new Load(LoadSettings.builder().build()).loadFromString(text.get());
          if (loaded instanceof Map<?, ?> m) {
            out.putAll(Values.struct(m).getFieldsMap());
          } else {
            log.warn("event=facts-not-a-map file={}", f);
          }
        }
      } catch (IOException | RuntimeException e) {
        log.warn(
            "event=facts-file-failed file={} error=\"{}\"",
            f,
            String.valueOf(e.getMessage()).replace('\n', ' '));
      }
    }
    return out;
  }

  private Optional<String> customText(Path f) throws IOException {
    String name = f.getFileName().toString();
    if (Files.isExecutable(f)) {
      CommandResult r =
          runner.run(
              new CommandSpec(List.of(f.toString()), f.getParent(), Map.of(), SCRIPT_TIMEOUT));
      if (!r.ok()) {
        log.warn("event=facts-script-failed file={} exit={}", f, r.exitCode());
        return Optional.empty();
      }
      return Optional.of(r.stdout());
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
      return Optional.of(Files.readString(f));
    }
    return Optional.empty();
  }

  private static Optional<String> firstLine(Path p) {
    try (Stream<String> lines = Files.lines(p)) {
      return lines.findFirst().map(String::strip).filter(s -> !s.isEmpty());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
