package dev.eden.agent.facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /etc/os-release} as a map, and the OS family it belongs to. */
final class OsRelease {
  private static final List<String> FAMILIES =
      List.of("debian", "rhel", "suse", "arch", "alpine", "gentoo");

  private OsRelease() {}

  static Map<String, String> read(Path file) {
    Map<String, String> out = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq <= 0 || line.startsWith("#")) {
          continue;
        }
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        }
        out.put(line.substring(0, eq).strip(), value);
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /**
   * debian for Debian, Ubuntu and the like; rhel for RHEL, Fedora, CentOS, Rocky, Alma, Amazon;
   * else the first known family in {@code ID_LIKE}, else the {@code ID} itself.
   */
  static String family(Map<String, String> rel) {
    String id = rel.getOrDefault("ID", "");
    List<String> like = List.of(rel.getOrDefault("ID_LIKE", "").split("\\s+"));
    if (id.equals("fedora") || id.equals("centos") || like.contains("fedora")) {
      return "rhel";
    }
    if (FAMILIES.contains(id)) {
      return id;
    }
    for (String family : FAMILIES) {
      if (like.contains(family)) {
        return family;
      }
    }
    if (like.contains("centos")) {
      return "rhel";
    }
    if (id.startsWith("opensuse") || id.equals("sles")) {
      return "suse";
    }
    return id;
  }
}
