package dev.eden.schema.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eden.schema.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * On any input the loader returns objects or located errors: it never throws, never hangs and never
 * points outside the files it was given.
 */
class LoaderPropertiesTest {

  private static final List<String> TOKENS =
      List.of(
          "apiVersion: v1alpha\n",
          "kind: TaskBook\n",
          "kind: ",
          "metadata:",
          " {name: a",
          "}",
          "]",
          "[",
          "{",
          ":",
          ": ",
          "- ",
          "\n",
          "\n  ",
          "\n    ",
          "---\n",
          "'",
          "\"",
          "&a ",
          "*a",
          "!!str ",
          "!tag ",
          "<<: ",
          "? ",
          "|\n  ",
          ">-\n  ",
          "#",
          "\t",
          "%YAML 1.2\n",
          "spec:",
          " steps:",
          " - name: x",
          " action: cmd.run",
          " parameters: {cmd: ",
          "{{",
          "}}",
          "{{#if x}}",
          "selector: \"a in (",
          "requires: [x]",
          "0x1F",
          "~",
          "null",
          "true",
          "-1",
          "1e9",
          "9999999999999999999999",
          "\\u0000",
          "é",
          "\uFEFF");

  private static final String VALID = sampleRepoFile("web/web.yaml");

  @Property(tries = 200)
  void randomBytesGiveLocatedErrors(@ForAll byte[] bytes) {
    checkLoads(bytes);
  }

  @Property(tries = 300)
  void yamlishTextGivesObjectsOrLocatedErrors(@ForAll("yamlish") String text) {
    checkLoads(text.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 300)
  void mutatedManifestsGiveObjectsOrLocatedErrors(@ForAll("mutated") String text) {
    checkLoads(text.getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(60).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<String> mutated() {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, VALID.length());
    Arbitrary<Integer> length = Arbitraries.integers().between(0, 40);
    Arbitrary<String> insert = Arbitraries.of(TOKENS);
    Arbitrary<String> one =
        Combinators.combine(at, length, insert)
            .as(
                (a, n, s) ->
                    VALID.substring(0, a) + s + VALID.substring(Math.min(VALID.length(), a + n)));
    return one;
  }

  private static void checkLoads(byte[] bytes) {
    Map<String, byte[]> files = Map.of("m.yaml", bytes, "t.hbs", bytes);
    LoadResult result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> ManifestLoader.load(SourceTree.ofFiles(files)));
    assertThat(result).isNotNull();
    List<String> bad = new ArrayList<>();
    for (Diagnostic d : result.errors()) {
      if (!files.containsKey(d.pos().file()) || d.pos().line() < 1 || d.pos().column() < 1) {
        bad.add(d.toString());
      }
    }
    assertThat(bad).isEmpty();
    assertThat(result.errors()).isSorted();
  }

  private static String sampleRepoFile(String path) {
    try {
      return Files.readString(
          Path.of("src", "test", "resources", "repos", "all-kinds", path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
