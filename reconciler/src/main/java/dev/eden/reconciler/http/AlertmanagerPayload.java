package dev.eden.reconciler.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of Prometheus Alertmanager's webhook payload (version 4) that eden uses. Other fields
 * ({@code groupLabels}, {@code externalURL}, {@code truncatedAlerts}, …) are accepted and ignored.
 *
 * @param receiver the receiver the notification was sent for
 * @param status {@code firing} or {@code resolved}, for the group
 * @param alerts one entry per alert of the group
 */
record AlertmanagerPayload(String receiver, String status, List<Alert> alerts) {

  /**
   * One alert.
   *
   * @param status {@code firing} or {@code resolved}
   * @param labels its labels, with {@code alertname} among them
   * @param annotations {@code summary}, {@code description}, …
   */
  record Alert(String status, Map<String, String> labels, Map<String, String> annotations) {

    String name() {
      return labels.get("alertname");
    }

    boolean firing() {
      return status.equals("firing");
    }
  }

  /**
   * Parses and checks a payload.
   *
   * @throws BadRequest naming the field (e.g. {@code alerts[1].labels.alertname: missing}), or the
   *     line and column of a JSON syntax error
   */
  static AlertmanagerPayload parse(byte[] body) throws BadRequest {
    JsonObject root = object(json(body), "body");
    JsonElement alerts = root.get("alerts");
    if (alerts == null || alerts.isJsonNull()) {
      throw new BadRequest("alerts: missing");
    }
    if (!alerts.isJsonArray()) {
      throw new BadRequest("alerts: expected an array");
    }
    JsonArray array = alerts.getAsJsonArray();
    List<Alert> parsed = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      parsed.add(alert(array.get(i), "alerts[" + i + "]"));
    }
    return new AlertmanagerPayload(
        optionalString(root, "receiver", "receiver"),
        optionalString(root, "status", "status"),
        List.copyOf(parsed));
  }

  private static Alert alert(JsonElement element, String field) throws BadRequest {
    JsonObject alert = object(element, field);
    String status = optionalString(alert, "status", field + ".status");
    if (status.isEmpty()) {
      throw new BadRequest(field + ".status: missing");
    }
    if (!status.equals("firing") && !status.equals("resolved")) {
      throw new BadRequest(field + ".status: expected firing or resolved, got \"" + status + "\"");
    }
    JsonElement labels = alert.get("labels");
    if (labels == null || labels.isJsonNull()) {
      throw new BadRequest(field + ".labels: missing");
    }
    Map<String, String> labelMap = strings(labels, field + ".labels");
    String name = labelMap.getOrDefault("alertname", "");
    if (name.isBlank()) {
      throw new BadRequest(field + ".labels.alertname: missing");
    }
    JsonElement annotations = alert.get("annotations");
    Map<String, String> annotationMap =
        annotations == null || annotations.isJsonNull()
            ? Map.of()
            : strings(annotations, field + ".annotations");
    return new Alert(status, labelMap, annotationMap);
  }

  private static JsonElement json(byte[] body) throws BadRequest {
    try (JsonReader reader =
        new JsonReader(
            new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement element = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new BadRequest("body: more than one JSON value");
      }
      return element;
    } catch (JsonParseException | IOException e) {
      throw new BadRequest("body is not valid JSON: " + firstLine(e));
    }
  }

  private static String firstLine(Exception e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String message = String.valueOf(cause.getMessage());
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static JsonObject object(JsonElement element, String field) throws BadRequest {
    if (element == null || !element.isJsonObject()) {
      throw new BadRequest(field + ": expected a JSON object");
    }
    return element.getAsJsonObject();
  }

  private static String optionalString(JsonObject o, String key, String field) throws BadRequest {
    JsonElement value = o.get(key);
    if (value == null || value.isJsonNull()) {
      return "";
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new BadRequest(field + ": expected a string");
    }
    return value.getAsString();
  }

  private static Map<String, String> strings(JsonElement element, String field) throws BadRequest {
    JsonObject o = object(element, field);
    Map<String, String> map = new LinkedHashMap<>();
    for (String key : o.keySet()) {
      map.put(key, optionalString(o, key, field + "." + key));
    }
    return map;
  }
}
