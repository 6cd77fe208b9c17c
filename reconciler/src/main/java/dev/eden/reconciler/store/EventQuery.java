package dev.eden.reconciler.store;

/**
 * Which events to list; empty strings and zero mean "any".
 *
 * @param node only events about this node
 * @param objectKind only events about objects of this kind
 * @param objectName only events about objects with this name
 * @param afterSeq only events with a greater seq
 * @param limit at most this many (the newest when {@code afterSeq} is 0, else the first after it)
 */
public record EventQuery(
    String node, String objectKind, String objectName, long afterSeq, int limit) {

  public static final int DEFAULT_LIMIT = 500;

  public static EventQuery after(long seq) {
    return new EventQuery("", "", "", seq, 0);
  }

  public int effectiveLimit() {
    return limit <= 0 ? DEFAULT_LIMIT : limit;
  }
}
