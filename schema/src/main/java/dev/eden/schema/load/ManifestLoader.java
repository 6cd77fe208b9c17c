package dev.eden.schema.load;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.SourcePos;
import dev.eden.schema.bind.SpecBinder;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Value;
import dev.eden.schema.validate.CheckedDocument;
import dev.eden.schema.validate.DocumentChecker;
import dev.eden.schema.validate.ReferenceChecker;
import dev.eden.schema.validate.TemplateChecker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Loads and validates every manifest of a tree: YAML files ({@code *.yaml}, {@code *.yml}) become
 * typed objects; every other file is a possible template. All problems of the whole tree are
 * reported at once, sorted; nothing throws on bad input.
 */
public final class ManifestLoader {

  private ManifestLoader() {}

  /** Loads {@code tree}: its valid objects, and every problem with its file:line:col. */
  public static LoadResult load(SourceTree tree) {
    List<Diagnostic> errors = new ArrayList<>();
    List<String> paths;
    try {
      paths = tree.paths();
    } catch (UncheckedIOException e) {
      return new LoadResult(
          List.of(), List.of(new Diagnostic(SourcePos.ofFile("."), e.getMessage())));
    }
    DocumentChecker checker = new DocumentChecker(new TemplateChecker(tree, errors), errors);
    List<CheckedDocument> docs = new ArrayList<>();
    for (String path : paths) {
      if (isManifest(path)) {
        for (Value doc : read(tree, path, errors)) {
          checker.check(path, doc).ifPresent(docs::add);
        }
      }
    }
    new ReferenceChecker(errors).check(docs);
    List<Manifest> objects = new ArrayList<>();
    for (CheckedDocument d : docs) {
      if (d.clean()) {
        objects.add(SpecBinder.bind(d.root(), d.kind()));
      }
    }
    return new LoadResult(objects, List.copyOf(new TreeSet<>(errors)));
  }

  /** Whether {@code path} is a manifest file (rather than a template or anything else). */
  public static boolean isManifest(String path) {
    return path.endsWith(".yaml") || path.endsWith(".yml");
  }

  private static List<Value> read(SourceTree tree, String path, List<Diagnostic> errors) {
    byte[] bytes;
    try {
      bytes = tree.read(path);
    } catch (IOException e) {
      errors.add(new Diagnostic(SourcePos.ofFile(path), "cannot read file: " + e.getMessage()));
      return List.of();
    }
    YamlDocuments.Parsed parsed = YamlDocuments.parse(path, bytes);
    errors.addAll(parsed.errors());
    return parsed.documents();
  }

  /** Loads a tree on disk (a convenience for the CLI and tests). */
  public static LoadResult load(java.nio.file.Path root) {
    return load(SourceTree.ofDirectory(root));
  }
}
