package dev.eden.schema.validate;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.lang.Catalog;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks one YAML document on its own: the envelope, {@code metadata}, the kind's {@code spec}
 * against the catalog, scope (namespace or not), and what spans several fields: steps and actions.
 */
public final class DocumentChecker {

  private final TemplateChecker templates;
  private final List<Diagnostic> out;

  public DocumentChecker(TemplateChecker templates, List<Diagnostic> out) {
    this.templates = templates;
    this.out = out;
  }

  /** Checks {@code doc}; returns it with its kind and name when those could be read. */
  public Optional<CheckedDocument> check(String file, Value doc) {
    if (!(doc instanceof Value.Map root)) {
      out.add(
          new Diagnostic(doc.pos(), "a manifest must be a mapping, found " + Found.describe(doc)));
      return Optional.empty();
    }
    List<Diagnostic> mine = new ArrayList<>();
    ShapeChecker shapes = new ShapeChecker(mine);
    shapes.checkPart(root, Catalog.ENVELOPE, root.pos());
    Optional<Kind> kind =
        root.get("kind") instanceof Value.Scalar k ? Kind.fromWireName(k.text()) : Optional.empty();
    Optional<CheckedDocument> result = Optional.empty();
    if (kind.isPresent()) {
      checkScope(root, kind.get(), mine);
      checkSpec(file, root, kind.get(), shapes, mine);
      result = identify(file, root, kind.get(), mine.isEmpty());
    }
    out.addAll(mine);
    return result;
  }

  private static Optional<CheckedDocument> identify(
      String file, Value.Map root, Kind kind, boolean clean) {
    if (!(root.get("metadata") instanceof Value.Map meta)
        || !(meta.get("name") instanceof Value.Scalar name)
        || name.value() == null) {
      return Optional.empty();
    }
    Optional<String> ns =
        meta.get("namespace") instanceof Value.Scalar s && s.value() != null && kind.namespaced()
            ? Optional.of(s.text())
            : Optional.empty();
    return Optional.of(new CheckedDocument(file, root, kind, name.text(), ns, clean));
  }

  private static void checkScope(Value.Map root, Kind kind, List<Diagnostic> mine) {
    if (!(root.get("metadata") instanceof Value.Map meta)) {
      return;
    }
    boolean hasNamespace = meta.entries().containsKey("namespace");
    if (kind.namespaced() && !hasNamespace) {
      mine.add(
          new Diagnostic(
              root.keyPos("metadata"),
              "missing required field 'namespace' in metadata ("
                  + kind.wireName()
                  + " is a namespaced kind)"));
    } else if (!kind.namespaced() && hasNamespace) {
      mine.add(
          new Diagnostic(
              meta.keyPos("namespace"),
              kind.wireName() + " is a global kind and takes no namespace"));
    }
  }

  private void checkSpec(
      String file, Value.Map root, Kind kind, ShapeChecker shapes, List<Diagnostic> mine) {
    Value spec = root.get("spec");
    if (spec == null) {
      if (Catalog.specRequired(kind)) {
        mine.add(new Diagnostic(root.pos(), "missing required field 'spec' in " + kind.wireName()));
      }
      return;
    }
    if (!(spec instanceof Value.Map map)) {
      return; // the envelope check reported the type
    }
    shapes.checkPart(map, Catalog.spec(kind), root.keyPos("spec"));
    ActionChecker actions = new ActionChecker(file, shapes, templates, mine);
    switch (kind) {
      case TASK_BOOK -> {
        if (map.get("steps") instanceof Value.Seq steps) {
          new StepChecker(actions, mine).check(steps);
        }
      }
      case BEACON -> {
        if (map.get("check") instanceof Value.Map check) {
          actions.checkBeaconCheck(check);
        }
      }
      case NODE -> NodeLabels.checkAgree(root, mine);
      case CRON_JOB -> CronJobTaskBooks.checkList(map, mine);
      default -> {}
    }
  }
}
