package dev.eden.common.pem;

/** PEM text that is not what was expected; the message names the field, never its content. */
public final class PemException extends IllegalArgumentException {

  PemException(String message) {
    super(message);
  }
}
