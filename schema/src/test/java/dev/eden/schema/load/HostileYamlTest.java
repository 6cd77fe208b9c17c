package dev.eden.schema.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eden.schema.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Input written to hurt: every case ends in a located error, quickly, within bounded memory. */
class HostileYamlTest {

  private static List<String> errors(byte[] bytes) {
    LoadResult r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> ManifestLoader.load(SourceTree.ofFiles(Map.of("h.yaml", bytes))));
    return r.errors().stream().map(Diagnostic::toString).toList();
  }

  private static List<String> errors(String text) {
    return errors(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void billionLaughsIsStoppedByTheAliasLimit() {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 30; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      y.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
    }
    assertThat(errors(y.toString()))
        .containsExactly(
            "h.yaml:1:1: cannot read YAML: Number of aliases for non-scalar nodes exceeds the"
                + " specified max=50");
  }

  @Test
  void aliasExpansionBeyondTheValueBudgetIsAnError() {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 7; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      y.append(("*a" + (i - 1) + ", ").repeat(7)).append("*a").append(i - 1).append("]\n");
    }
    assertThat(errors(y.toString()))
        .contains("h.yaml:1:25: YAML expands to more than 200000 values (too many aliases?)");
  }

  @Test
  void deepNestingIsAnError() {
    String deep = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    assertThat(errors(deep)).singleElement().asString().contains("nested");
  }

  @Test
  void recursiveAliasIsAnError() {
    assertThat(errors("a: &x [1, *x]\n"))
        .anySatisfy(e -> assertThat(e).startsWith("h.yaml:"))
        .isNotEmpty();
  }

  @Test
  void invalidUtf8IsLocated() {
    byte[] bytes = "apiVersion: v1alpha\nkind: N\u00e9\n".getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length - 3] = (byte) 0xFF;
    assertThat(errors(bytes)).containsExactly("h.yaml:2:8: file is not valid UTF-8");
  }

  @Test
  void tooLargeFileIsAnError() {
    String big = "a: \"" + "x".repeat(YamlDocuments.MAX_BYTES) + "\"\n";
    assertThat(errors(big))
        .containsExactly(
            "h.yaml:1:1: file is larger than 1048576 bytes; split it into smaller manifests");
  }
}
