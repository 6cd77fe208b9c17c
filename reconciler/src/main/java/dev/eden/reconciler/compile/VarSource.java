package dev.eden.reconciler.compile;

import dev.eden.schema.model.ObjectKey;
import dev.eden.schema.model.Value;
import java.util.Map;

/**
 * One object's contribution to a node's variables: where it sits in the order of precedence, its
 * values with their positions (for {@code --explain}) and the same values as plain Java (for
 * templates), converted once per revision.
 */
record VarSource(
    int id, ObjectKey object, VariableLevel level, Value.Map values, Map<String, Object> plain) {

  static VarSource of(int id, ObjectKey object, VariableLevel level, Value.Map values) {
    return new VarSource(id, object, level, values, Value.plainMap(values));
  }
}
