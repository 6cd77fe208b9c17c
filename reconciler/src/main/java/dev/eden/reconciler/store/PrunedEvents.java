package dev.eden.reconciler.store;

/**
 * What one application of the retention rules deleted.
 *
 * @param byAge events that last happened before the age limit
 * @param byCount older events beyond the count limit
 */
public record PrunedEvents(int byAge, int byCount) {

  public int total() {
    return byAge + byCount;
  }
}
