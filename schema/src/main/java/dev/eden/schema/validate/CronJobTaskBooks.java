package dev.eden.schema.validate;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.model.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CronJob's {@code taskBooks}: at least one, each named once (the shape checks made sure only one
 * of {@code taskBook} and {@code taskBooks} is given).
 */
final class CronJobTaskBooks {

  private CronJobTaskBooks() {}

  static void checkList(Value.Map spec, List<Diagnostic> out) {
    if (!(spec.get("taskBooks") instanceof Value.Seq list)) {
      return;
    }
    if (list.items().isEmpty()) {
      out.add(
          new Diagnostic(list.pos(), "'taskBooks' is empty: name at least one TaskBook to run"));
      return;
    }
    Map<String, Value> seen = new HashMap<>();
    for (Value item : list.items()) {
      if (item instanceof Value.Scalar s && s.value() != null) {
        Value first = seen.putIfAbsent(s.text(), s);
        if (first != null) {
          out.add(
              new Diagnostic(
                  s.pos(),
                  "TaskBook '"
                      + s.text()
                      + "' is named twice in 'taskBooks' (first at "
                      + first.pos()
                      + "); run it once"));
        }
      }
    }
  }
}
