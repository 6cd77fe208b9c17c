package dev.eden.schema.jsonschema;

import dev.eden.common.time.Durations;
import dev.eden.schema.lang.FieldType;
import dev.eden.schema.lang.ObjectNames;
import dev.eden.schema.lang.Part;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON Schema of each {@link FieldType}. */
final class TypeSchemas {

  /** A string that contains a Handlebars expression: checked when the compiler renders it. */
  static final Map<String, Object> TEMPLATE = JsonText.obj("type", "string", "pattern", "\\{\\{");

  private final Function<Part, Map<String, Object>> reference;

  TypeSchemas(Function<Part, Map<String, Object>> reference) {
    this.reference = reference;
  }

  Map<String, Object> schema(FieldType type) {
    if (type instanceof FieldType.Text) {
      return JsonText.obj("type", List.of("string", "number", "boolean"));
    }
    if (type instanceof FieldType.Count c) {
      return JsonText.obj("type", "integer", "minimum", c.min());
    }
    if (type instanceof FieldType.Bool) {
      return JsonText.obj("type", "boolean");
    }
    if (type instanceof FieldType.DurationText) {
      return JsonText.obj("type", "string", "pattern", Durations.PATTERN);
    }
    if (type instanceof FieldType.Choice c) {
      return JsonText.obj("type", "string", "enum", c.values());
    }
    if (type instanceof FieldType.ObjectName n) {
      return JsonText.obj(
          "type",
          "string",
          "pattern",
          n.label() ? ObjectNames.NAMESPACE_PATTERN : ObjectNames.NAME_PATTERN,
          "maxLength",
          n.label() ? 63 : 253);
    }
    return structured(type);
  }

  private Map<String, Object> structured(FieldType type) {
    if (type instanceof FieldType.ListOf l) {
      return JsonText.obj("type", "array", "items", schema(l.item()));
    }
    if (type instanceof FieldType.MapOf m) {
      return JsonText.obj("type", "object", "additionalProperties", schema(m.value()));
    }
    if (type instanceof FieldType.FreeMap) {
      return JsonText.obj("type", "object");
    }
    if (type instanceof FieldType.Obj o) {
      return reference.apply(o.part());
    }
    // Selector, Cron, TimeZone, EmittersOrSelector: strings checked by eden validate.
    return JsonText.obj("type", "string");
  }

  /** An action parameter: its type, or a template string that renders to it. */
  Map<String, Object> templatedSchema(FieldType type) {
    Map<String, Object> plain = schema(type);
    if (type instanceof FieldType.Text) {
      return plain;
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("anyOf", List.of(plain, TEMPLATE));
    return s;
  }
}
