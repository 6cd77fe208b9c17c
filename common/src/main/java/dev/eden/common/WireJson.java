package dev.eden.common;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * eden's messages as JSON for machines ({@code -o json}, and the YAML made from it): what {@link
 * JsonFormat} prints, field for field and space for space, except that an enum value prints as its
 * {@link WireText} ({@code "Ready"}, never {@code "NODE_STATE_READY"}) and a message with a text
 * form (a dispatch's origin) prints as that text. Scripts see the words the fields held when they
 * were strings.
 */
public final class WireJson {

  /** Escapes strings as JsonFormat does (it uses Gson's defaults). */
  private static final Gson GSON = new Gson();

  private WireJson() {}

  /** {@code message} as JSON, enum values by their text. */
  public static String print(MessageOrBuilder message) {
    return print(message, Map.of());
  }

  /**
   * {@code message} as JSON, enum values by their text and every message of a type in {@code texts}
   * as the text that function gives it.
   */
  public static String print(
      MessageOrBuilder message, Map<Descriptor, Function<Message, String>> texts) {
    JsonElement tree = JsonParser.parseString(jsonFormat(message));
    if (tree.isJsonObject() && !wellKnown(message.getDescriptorForType())) {
      new Texts(texts).message(message, tree.getAsJsonObject());
    }
    StringBuilder out = new StringBuilder();
    write(tree, "", out);
    return out.toString();
  }

  private static String jsonFormat(MessageOrBuilder message) {
    try {
      return JsonFormat.printer().print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "printing " + message.getDescriptorForType().getFullName() + " as JSON", e);
    }
  }

  /** google.protobuf.* (Timestamp, Struct, …): JsonFormat's own form, nothing of ours inside. */
  private static boolean wellKnown(Descriptor type) {
    return type.getFile().getPackage().equals("google.protobuf");
  }

  /** Replaces, in JsonFormat's tree, the values that have a text. */
  private record Texts(Map<Descriptor, Function<Message, String>> messages) {

    void message(MessageOrBuilder m, JsonObject json) {
      for (Map.Entry<FieldDescriptor, Object> field : m.getAllFields().entrySet()) {
        FieldDescriptor f = field.getKey();
        JsonElement printed = json.get(f.getJsonName());
        if (printed == null) {
          continue;
        }
        if (f.isMapField()) {
          map(f, (List<?>) field.getValue(), printed.getAsJsonObject());
        } else if (f.isRepeated()) {
          JsonArray array = printed.getAsJsonArray();
          List<?> values = (List<?>) field.getValue();
          for (int i = 0; i < values.size(); i++) {
            array.set(i, value(f, values.get(i), array.get(i)));
          }
        } else {
          json.add(f.getJsonName(), value(f, field.getValue(), printed));
        }
      }
    }

    private void map(FieldDescriptor f, List<?> entries, JsonObject json) {
      FieldDescriptor key = f.getMessageType().findFieldByName("key");
      FieldDescriptor value = f.getMessageType().findFieldByName("value");
      for (Object entry : entries) {
        Message e = (Message) entry;
        String name = String.valueOf(e.getField(key));
        JsonElement printed = json.get(name);
        if (printed != null) {
          json.add(name, value(value, e.getField(value), printed));
        }
      }
    }

    private JsonElement value(FieldDescriptor f, Object value, JsonElement printed) {
      if (f.getType() == FieldDescriptor.Type.ENUM) {
        String text = WireText.of((EnumValueDescriptor) value);
        return text.isEmpty() ? printed : new JsonPrimitive(text);
      }
      if (f.getType() == FieldDescriptor.Type.MESSAGE) {
        Message m = (Message) value;
        Function<Message, String> text = messages.get(m.getDescriptorForType());
        if (text != null) {
          return new JsonPrimitive(text.apply(m));
        }
        if (!wellKnown(m.getDescriptorForType()) && printed.isJsonObject()) {
          message(m, printed.getAsJsonObject());
        }
      }
      return printed;
    }
  }

  /** JsonFormat's layout: two-space indents, {@code "name": value}, arrays on one line. */
  private static void write(JsonElement e, String indent, StringBuilder out) {
    if (e.isJsonObject()) {
      String inner = indent + "  ";
      out.append("{\n");
      boolean first = true;
      for (Map.Entry<String, JsonElement> field : e.getAsJsonObject().entrySet()) {
        out.append(first ? "" : ",\n").append(inner).append(GSON.toJson(field.getKey()));
        out.append(": ");
        write(field.getValue(), inner, out);
        first = false;
      }
      out.append(first ? "" : "\n").append(indent).append('}');
    } else if (e.isJsonArray()) {
      out.append('[');
      JsonArray array = e.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        write(array.get(i), indent, out);
      }
      out.append(']');
    } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
      out.append(GSON.toJson(e.getAsString()));
    } else {
      out.append(e); // numbers as JsonFormat wrote them, true, false, null
    }
  }
}
