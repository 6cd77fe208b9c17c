package dev.eden.reconciler.review.forge;

/**
 * A forge's API refused or failed a call.
 *
 * @see #retryable()
 */
public final class ForgeException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status the HTTP status, or 0 when there was no answer (network error)
   */
  public ForgeException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** A network error, a 5xx or a 429 may pass; a 4xx (a refused token, a wrong repo) will not. */
  public boolean retryable() {
    return status == 0 || status == 429 || status >= 500;
  }

  /** The token was refused: 401 or 403. */
  public boolean refusedToken() {
    return status == 401 || status == 403;
  }
}
