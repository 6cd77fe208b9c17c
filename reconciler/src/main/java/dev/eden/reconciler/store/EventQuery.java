package dev.eden.reconciler.store;

import dev.eden.proto.Event;
import dev.eden.proto.ObjectRef;

/**
 * Which events to list; empty strings and zero mean "any".
 *
 * @param node only events about this node
 * @param objectKind only events about objects of this kind (case does not matter: {@code taskbook}
 *     finds {@code TaskBook})
 * @param objectNamespace only events about objects in this namespace
 * @param objectName only events about objects with this name
 * @param afterSeq only events with a greater seq
 * @param limit at most this many (the newest when {@code afterSeq} is 0, else the first after it)
 */
public record EventQuery(
    String node,
    String objectKind,
    String objectNamespace,
    String objectName,
    long afterSeq,
    int limit) {

  public static final int DEFAULT_LIMIT = 500;

  /** Any namespace. */
  public EventQuery(String node, String objectKind, String objectName, long afterSeq, int limit) {
    this(node, objectKind, "", objectName, afterSeq, limit);
  }

  public static EventQuery after(long seq) {
    return new EventQuery("", "", "", "", seq, 0);
  }

  public int effectiveLimit() {
    return limit <= 0 ? DEFAULT_LIMIT : limit;
  }

  /** The same query from another seq on (a watcher's next page). */
  public EventQuery from(long seq, int pageLimit) {
    return new EventQuery(node, objectKind, objectNamespace, objectName, seq, pageLimit);
  }

  /** Whether {@code event} passes the filters (the seq and the limit aside). */
  public boolean matches(Event event) {
    ObjectRef o = event.getObject();
    return (node.isEmpty() || node.equals(event.getNode()))
        && (objectKind.isEmpty() || objectKind.equalsIgnoreCase(o.getKind()))
        && (objectNamespace.isEmpty() || objectNamespace.equals(o.getNamespace()))
        && (objectName.isEmpty() || objectName.equals(o.getName()));
  }
}
