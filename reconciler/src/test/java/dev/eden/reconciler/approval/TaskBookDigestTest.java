package dev.eden.reconciler.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskBookDigestTest {

  private static final String BOOK =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: motd, namespace: ops, labels: {team: a}}
      spec:
        approval: manual
        vars: {greeting: hello, who: world}
        steps:
          - name: motd
            action: file.managed
            parameters: {path: /etc/motd, template: motd.hbs, mode: "0644"}
      """;

  private static final Map<String, String> BASE =
      Map.of("ops/motd.yaml", BOOK, "ops/motd.hbs", "{{vars.greeting}}\n", "README.md", "x");

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of("another file changes", Map.of("README.md", "y"), true),
        Arguments.of(
            "the TaskBook moves down its file",
            Map.of("ops/motd.yaml", "\n\n# motd\n" + BOOK),
            true),
        Arguments.of(
            "its labels change", Map.of("ops/motd.yaml", BOOK.replace("team: a", "team: b")), true),
        Arguments.of(
            "its vars are reordered",
            Map.of(
                "ops/motd.yaml",
                BOOK.replace("greeting: hello, who: world", "who: world, greeting: hello")),
            true),
        Arguments.of("its template changes", Map.of("ops/motd.hbs", "{{vars.who}}\n"), false),
        Arguments.of("a var changes", Map.of("ops/motd.yaml", BOOK.replace("hello", "hi")), false),
        Arguments.of(
            "a parameter changes", Map.of("ops/motd.yaml", BOOK.replace("0644", "0600")), false),
        Arguments.of(
            "a parameter's type changes",
            Map.of("ops/motd.yaml", BOOK.replace("\"0644\"", "644")),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void versionChangesOnlyWithWhatTheTaskBookDoes(
      String what, Map<String, String> change, boolean sameVersion) {
    Map<String, String> after = new HashMap<>(BASE);
    after.putAll(change);

    boolean same = digest(BASE).equals(digest(after));

    assertThat(same).as(what).isEqualTo(sameVersion);
  }

  private static String digest(Map<String, String> files) {
    Map<String, byte[]> bytes = new HashMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    SourceTree tree = SourceTree.ofFiles(bytes);
    Manifest book =
        ManifestLoader.load(tree).objects().stream()
            .filter(m -> m.kind() == Kind.TASK_BOOK)
            .findFirst()
            .orElseThrow();
    return TaskBookDigest.of(book, tree);
  }
}
