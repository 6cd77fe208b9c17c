package dev.eden.reconciler.review;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/** {@code eden diff -o json}: the same data as the text, for machines. */
public final class JsonReport {

  private JsonReport() {}

  public static String render(RevisionDiff d) {
    JsonObject root = new JsonObject();
    root.addProperty("base", d.base());
    root.addProperty("head", d.head());
    root.addProperty("summary", Summary.line(d));
    root.addProperty("exitCode", d.exitCode());
    root.add("errors", strings(d.errors()));
    root.add("baseErrors", strings(d.baseErrors()));
    root.add("changing", strings(d.changing()));
    JsonArray groups = new JsonArray();
    for (RevisionDiff.Group g : d.groups()) {
      JsonObject group = new JsonObject();
      group.add("nodes", strings(g.nodes()));
      group.addProperty("state", g.diff().state().name().toLowerCase());
      group.add("errors", strings(g.diff().errors()));
      JsonArray steps = new JsonArray();
      g.diff().steps().forEach(s -> steps.add(step(s)));
      group.add("steps", steps);
      groups.add(group);
    }
    root.add("groups", groups);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
  }

  private static JsonObject step(StepChange s) {
    JsonObject step = new JsonObject();
    step.addProperty("id", s.id());
    step.addProperty("change", s.change().name().toLowerCase());
    step.addProperty("action", s.action());
    step.addProperty("source", s.source());
    step.addProperty("runsAgain", s.runsAgain());
    JsonArray fields = new JsonArray();
    for (FieldChange f : s.fields()) {
      JsonObject field = new JsonObject();
      field.addProperty("field", f.field());
      field.addProperty("before", f.before());
      field.addProperty("after", f.after());
      field.addProperty("diff", f.diff());
      field.addProperty("sensitive", f.sensitive());
      fields.add(field);
    }
    step.add("fields", fields);
    return step;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }
}
