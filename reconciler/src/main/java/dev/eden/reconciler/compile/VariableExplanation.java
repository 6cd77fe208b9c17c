package dev.eden.reconciler.compile;

import dev.eden.schema.SourcePos;
import dev.eden.schema.model.ObjectKey;
import java.util.List;

/** For one node, every variable value each of its TaskBooks sees and the object it came from. */
public record VariableExplanation(String node, List<Entry> entries) {
  public VariableExplanation {
    entries = List.copyOf(entries);
  }

  /**
   * One leaf value: {@code scope} is the TaskBook ({@code namespace/name}), {@code key} the dotted
   * path under {@code vars}, {@code from} the object that set it and {@code pos} where. A combined
   * value has its rendered {@code value} and the variables it was made from in {@code madeFrom}
   * ({@code vars.a.b}, in the order its template read them); others have none.
   */
  public record Entry(
      String scope,
      String key,
      Object value,
      ObjectKey from,
      VariableLevel level,
      SourcePos pos,
      List<String> madeFrom) {
    public Entry {
      madeFrom = List.copyOf(madeFrom);
    }

    /** This entry as a combined value: rendered to {@code rendered}, made from {@code from}. */
    Entry combined(Object rendered, List<String> from) {
      return new Entry(scope, key, rendered, this.from, level, pos, from);
    }
  }
}
