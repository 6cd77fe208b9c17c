package dev.eden.agent.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import dev.eden.agent.proc.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FactsCollectorTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} / {1} → {2}")
  @CsvSource({
    "debian, '', debian",
    "ubuntu, debian, debian",
    "rocky, 'rhel centos fedora', rhel",
    "fedora, '', rhel",
    "almalinux, 'rhel centos fedora', rhel",
    "opensuse-leap, 'suse opensuse', suse",
    "alpine, '', alpine",
    "nixos, '', nixos"
  })
  void osFamilyFromIdAndIdLike(String id, String like, String family) {
    assertThat(OsRelease.family(Map.of("ID", id, "ID_LIKE", like))).isEqualTo(family);
  }

  @Test
  void collectsSystemFactsAndCustomOnes() throws Exception {
    Path etc = Files.createDirectories(tmp.resolve("etc"));
    Files.writeString(
        etc.resolve("os-release"), "ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"\n");
    Path proc = Files.createDirectories(tmp.resolve("proc/sys/kernel"));
    Files.writeString(proc.resolve("hostname"), "web-7\n");
    Files.writeString(proc.resolve("osrelease"), "6.1.0-test\n");
    Files.writeString(tmp.resolve("proc/meminfo"), "MemTotal:        2048000 kB\nMemFree: 1 kB\n");
    Path factsD = Files.createDirectories(tmp.resolve("data/facts.d"));
    Files.writeString(factsD.resolve("rack.yaml"), "rack: r12\ndatacenter: {name: fra1}\n");
    Path script = factsD.resolve("role");
    Files.writeString(script, "#!/bin/sh\necho '{\"role\": \"db\", \"shards\": [1, 2]}'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(factsD.resolve("broken.yaml"), "a: [\n");
    Files.writeString(factsD.resolve("README"), "not facts");

    Struct facts =
        new FactsCollector(tmp.resolve("proc"), etc, Optional.of(factsD), new ProcessRunner())
            .collect();
    var f = facts.getFieldsMap();
    assertThat(f.get("hostname").getStringValue()).isEqualTo("web-7");
    var os = f.get("os").getStructValue().getFieldsMap();
    assertThat(os.get("family").getStringValue()).isEqualTo("debian");
    assertThat(os.get("release").getStringValue()).isEqualTo("24.04");
    assertThat(os.get("name").getStringValue()).isEqualTo("ubuntu");
    assertThat(f.get("kernel").getStringValue()).isEqualTo("6.1.0-test");
    assertThat(f.get("memoryMb").getNumberValue()).isEqualTo(2000);
    assertThat(f.get("cpus").getNumberValue()).isPositive();
    assertThat(f.get("ipv4").hasListValue()).isTrue();
    assertThat(f.get("rack").getStringValue()).isEqualTo("r12");
    assertThat(f.get("datacenter").getStructValue().getFieldsMap().get("name").getStringValue())
        .isEqualTo("fra1");
    assertThat(f.get("role").getStringValue()).isEqualTo("db");
    assertThat(f.get("shards").getListValue().getValuesCount()).isEqualTo(2);
    assertThat(f).doesNotContainKey("a");
  }

  @Test
  void realSystemFactsAreThere() {
    Struct facts = FactsCollector.system(Optional.empty(), new ProcessRunner()).collect();
    assertThat(facts.getFieldsMap()).containsKeys("hostname", "os", "kernel", "arch", "cpus");
  }
}
