package dev.eden.agent.coord;

/**
 * A serialize permit, released on {@link #close()}: {@code try (var permit =
 * coordinator.acquire(...)) { apply }}. Steps without serialize, and nodes with nothing to change,
 * get {@link #NONE}.
 */
public interface Permit extends AutoCloseable {

  /** No permit was needed. */
  Permit NONE = () -> {};

  /** Whether this handle holds a permit on the reconciler. */
  default boolean held() {
    return this != NONE;
  }

  @Override
  void close();
}
