package dev.eden.reconciler.dispatch;

import dev.eden.reconciler.compile.Revision;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec.TaskBookSpec;
import java.util.List;

/**
 * A TaskBook of an accepted revision, found by {@code namespace/name} or by a name only one
 * namespace has.
 *
 * @param key {@code namespace/name}
 */
record TaskBookRef(String key, String namespace, String name, TaskBookSpec spec) {

  /**
   * @throws DispatchException not found (NOT_FOUND), or a bare name that several namespaces have
   */
  static TaskBookRef find(Revision revision, String wanted) {
    int slash = wanted.indexOf('/');
    String ns = slash < 0 ? null : wanted.substring(0, slash);
    String name = slash < 0 ? wanted : wanted.substring(slash + 1);
    List<Manifest> found =
        revision.objects().stream()
            .filter(m -> m.kind() == Kind.TASK_BOOK && m.metadata().name().equals(name))
            .filter(m -> ns == null || m.metadata().namespace().orElse("").equals(ns))
            .toList();
    if (found.isEmpty()) {
      throw DispatchException.notFound(
          "TaskBook " + wanted + " not found in revision " + revision.id());
    }
    if (found.size() > 1) {
      throw new DispatchException(
          "TaskBook name "
              + name
              + " is in namespaces "
              + String.join(
                  ", ", found.stream().map(m -> m.metadata().namespace().orElse("")).toList())
              + ": write NAMESPACE/"
              + name);
    }
    Manifest m = found.get(0);
    String namespace = m.metadata().namespace().orElse("");
    return new TaskBookRef(namespace + "/" + name, namespace, name, m.spec(TaskBookSpec.class));
  }
}
