package dev.eden.schema.validate;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One row of the bad-manifest tables: files written beside a small valid base tree, and the exact
 * errors expected ({@code file:line:col: message}, sorted).
 */
record BadManifest(Map<String, String> files, List<String> expected) {

  /** Valid objects the rows may refer to: NodeGroup web, TaskBook prod/web, a template. */
  static final Map<String, String> BASE =
      Map.of(
          "base.yaml",
          """
          apiVersion: v1alpha
          kind: NodeGroup
          metadata: {name: web}
          spec: {selector: "tier=web"}
          ---
          apiVersion: v1alpha
          kind: TaskBook
          metadata: {name: web, namespace: prod}
          spec:
            steps:
              - {name: hello, action: cmd.run, parameters: {cmd: "echo hello"}}
          """,
          "templates/ok.hbs",
          "hello {{node.name}}\n");

  static Arguments row(String name, String badYaml, String... expected) {
    return Arguments.of(
        Named.of(name, new BadManifest(Map.of("bad.yaml", badYaml), List.of(expected))));
  }

  static Arguments rowFiles(String name, Map<String, String> files, String... expected) {
    return Arguments.of(Named.of(name, new BadManifest(files, List.of(expected))));
  }

  List<String> errors() {
    return load().errors().stream().map(Diagnostic::toString).toList();
  }

  LoadResult load() {
    Map<String, byte[]> all = new LinkedHashMap<>();
    BASE.forEach((k, v) -> all.put(k, v.getBytes(StandardCharsets.UTF_8)));
    files.forEach((k, v) -> all.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return ManifestLoader.load(SourceTree.ofFiles(all));
  }
}
