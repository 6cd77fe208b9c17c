package dev.eden.schema.jsonschema;

import dev.eden.schema.lang.ActionCatalog;
import dev.eden.schema.lang.ActionCatalog.ActionDef;
import dev.eden.schema.lang.Catalog;
import dev.eden.schema.lang.Field;
import dev.eden.schema.lang.Part;
import dev.eden.schema.model.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft-07, which yaml-language-server handles best) of the manifest language,
 * generated from the {@link Catalog} and the {@link ActionCatalog}, never written by hand. The
 * build writes it to {@code eden.schema.json} on the classpath so the distribution can ship it.
 */
public final class JsonSchemaGenerator {

  public static final String ID = "https://eden.dev/schema/v1alpha/eden.schema.json";

  private final Map<String, Object> definitions = new LinkedHashMap<>();
  private final TypeSchemas types = new TypeSchemas(this::reference);

  private JsonSchemaGenerator() {}

  /** The schema as plain maps and lists. */
  public static Map<String, Object> generate() {
    return new JsonSchemaGenerator().root();
  }

  /** The schema as JSON text. */
  public static String generateJson() {
    return JsonText.write(generate());
  }

  /** Writes the schema to the file named by {@code args[0]} (the build calls this). */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "eden.schema.json");
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    Files.writeString(target, generateJson(), StandardCharsets.UTF_8);
  }

  private Map<String, Object> root() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("$id", ID);
    root.put("title", "eden manifest (" + Kind.API_VERSION + ")");
    root.putAll(partSchema(Catalog.ENVELOPE));
    List<Object> perKind = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      perKind.add(kindRule(kind));
    }
    root.put("allOf", perKind);
    root.put("definitions", definitions);
    return root;
  }

  private Map<String, Object> kindRule(Kind kind) {
    Map<String, Object> metadata =
        kind.namespaced()
            ? JsonText.obj("required", List.of("namespace"))
            : JsonText.obj("not", JsonText.obj("required", List.of("namespace")));
    Map<String, Object> then = new LinkedHashMap<>();
    then.put(
        "properties", JsonText.obj("spec", reference(Catalog.spec(kind)), "metadata", metadata));
    if (Catalog.specRequired(kind)) {
      then.put("required", List.of("spec"));
    }
    return JsonText.obj(
        "if",
        JsonText.obj(
            "properties",
            JsonText.obj("kind", JsonText.obj("const", kind.wireName())),
            "required",
            List.of("kind")),
        "then",
        then);
  }

  /** A {@code $ref} to {@code part}'s definition, adding the definition on first use. */
  private Map<String, Object> reference(Part part) {
    if (!definitions.containsKey(part.id())) {
      definitions.put(part.id(), JsonText.obj()); // reserve the slot: parts may nest
      definitions.put(part.id(), partSchema(part));
    }
    return JsonText.obj("$ref", "#/definitions/" + part.id());
  }

  private Map<String, Object> partSchema(Part part) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("description", part.description());
    s.put("properties", properties(part.fields()));
    List<String> required =
        part.fields().stream().filter(Field::required).map(Field::name).toList();
    if (!required.isEmpty()) {
      s.put("required", required);
    }
    s.put("additionalProperties", false);
    if (!part.atLeastOneOf().isEmpty()) {
      s.put("anyOf", requiredAlternatives(part.atLeastOneOf().get(0)));
    }
    if (!part.exactlyOneOf().isEmpty()) {
      s.put("oneOf", requiredAlternatives(part.exactlyOneOf().get(0)));
    }
    if (part.field("action").isPresent() && part.field("parameters").isPresent()) {
      s.put("allOf", actionRules());
    }
    return s;
  }

  private Map<String, Object> properties(List<Field> fields) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (Field f : fields) {
      Map<String, Object> p = new LinkedHashMap<>(types.schema(f.type()));
      p.put("description", f.description());
      f.defaultValue().ifPresent(d -> p.put("default", d));
      props.put(f.name(), p);
    }
    return props;
  }

  private static List<Object> requiredAlternatives(List<String> names) {
    return names.stream().map(n -> (Object) JsonText.obj("required", List.of(n))).toList();
  }

  /**
   * For a step or a beacon check: the parameters each action (and check-only kind) takes; the
   * {@code action} field's own enum keeps check-only kinds out of steps.
   */
  private List<Object> actionRules() {
    List<Object> rules = new ArrayList<>();
    for (ActionDef a : ActionCatalog.checks()) {
      rules.add(
          JsonText.obj(
              "if",
              JsonText.obj(
                  "properties", JsonText.obj("action", JsonText.obj("const", a.name())),
                  "required", List.of("action")),
              "then",
              JsonText.obj("properties", JsonText.obj("parameters", parameters(a)))));
    }
    return rules;
  }

  private Map<String, Object> parameters(ActionDef a) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("description", a.description());
    Map<String, Object> props = new LinkedHashMap<>();
    for (Field f : a.parameters()) {
      Map<String, Object> p = new LinkedHashMap<>(types.templatedSchema(f.type()));
      p.put("description", f.description());
      props.put(f.name(), p);
    }
    s.put("properties", props);
    List<String> required =
        a.parameters().stream().filter(Field::required).map(Field::name).toList();
    if (!required.isEmpty()) {
      s.put("required", required);
    }
    s.put("additionalProperties", false);
    if (!a.exactlyOneOf().isEmpty()) {
      s.put("oneOf", requiredAlternatives(a.exactlyOneOf().get(0)));
    }
    return s;
  }
}
