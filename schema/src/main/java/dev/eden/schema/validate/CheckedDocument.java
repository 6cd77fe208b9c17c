package dev.eden.schema.validate;

import dev.eden.schema.SourcePos;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.ObjectKey;
import dev.eden.schema.model.Value;
import java.util.Optional;

/**
 * A YAML document whose kind and name could be read. {@code clean} is true when the document itself
 * has no problem, so it can be bound to the typed model.
 */
public record CheckedDocument(
    String file,
    Value.Map root,
    Kind kind,
    String name,
    Optional<String> namespace,
    boolean clean) {

  public ObjectKey key() {
    return new ObjectKey(kind, namespace, name);
  }

  public SourcePos pos() {
    return root.pos();
  }

  /** The {@code spec} mapping, or an empty one at the document's position. */
  public Value.Map spec() {
    return root.get("spec") instanceof Value.Map m ? m : Value.Map.empty(root.pos());
  }

  /** How the object reads in messages: {@code TaskBook prod/web}. */
  public String describe() {
    return kind.wireName() + " " + namespace.map(ns -> ns + "/").orElse("") + name;
  }
}
