package dev.eden.cli;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eden validate [DIR]}: loads every manifest under DIR and reports every problem as {@code
 * path:LINE:COL: message} (exit 1), or a one-line summary (exit 0). Exit 2 on usage errors.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check the manifests of a desired-state repository; print every error.")
final class ValidateCommand implements Callable<Integer> {

  /** Output formats of {@code -o}. */
  enum Format {
    text,
    json
  }

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = ".",
      paramLabel = "DIR",
      description = "The repository folder (default: the current folder).")
  private Path dir;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private Format format;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(dir)) {
      err.println(
          "eden validate: "
              + dir
              + (Files.exists(dir) ? " is not a directory" : " does not exist"));
      return Eden.EXIT_USAGE;
    }
    LoadResult result = ManifestLoader.load(SourceTree.ofDirectory(dir));
    Map<Kind, Integer> counts = countByKind(result.objects());
    if (format == Format.json) {
      out.println(json(result, counts));
    } else if (result.ok()) {
      out.println(dir + ": " + summary(result.objects().size(), counts));
    } else {
      result.errors().forEach(out::println);
      err.println(dir + ": " + plural(result.errors().size(), "error"));
    }
    out.flush();
    err.flush();
    return result.ok() ? 0 : 1;
  }

  private static Map<Kind, Integer> countByKind(List<Manifest> objects) {
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    for (Manifest m : objects) {
      counts.merge(m.kind(), 1, Integer::sum);
    }
    return counts;
  }

  private static String summary(int total, Map<Kind, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((kind, n) -> parts.add(n + " " + kind.wireName()));
    return plural(total, "object")
        + " valid"
        + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  private static String json(LoadResult result, Map<Kind, Integer> counts) {
    StringBuilder s = new StringBuilder("{\"valid\":").append(result.ok()).append(",\"objects\":{");
    List<String> kinds = new ArrayList<>();
    counts.forEach((kind, n) -> kinds.add(quote(kind.wireName()) + ":" + n));
    s.append(String.join(",", kinds)).append("},\"errors\":[");
    List<String> errors = new ArrayList<>();
    for (Diagnostic d : result.errors()) {
      errors.add(
          "{\"file\":"
              + quote(d.pos().file())
              + ",\"line\":"
              + d.pos().line()
              + ",\"column\":"
              + d.pos().column()
              + ",\"message\":"
              + quote(d.message())
              + "}");
    }
    return s.append(String.join(",", errors)).append("]}").toString();
  }

  private static String quote(String text) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\r' -> q.append("\\r");
        case '\t' -> q.append("\\t");
        default -> q.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return q.append('"').toString();
  }
}
