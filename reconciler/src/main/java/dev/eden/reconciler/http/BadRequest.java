package dev.eden.reconciler.http;

/** A request the endpoint refuses with 400; the message is the reason sent back. */
final class BadRequest extends Exception {

  private static final long serialVersionUID = 1L;

  BadRequest(String reason) {
    super(reason);
  }
}
