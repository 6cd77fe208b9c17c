package dev.eden.reconciler.bundle;

import dev.eden.common.error.DomainException;
import dev.eden.common.error.ErrorKind;
import java.util.List;

/** A bundle that cannot be made or imported: every line says what is wrong and what to do. */
public final class BundleRefused extends DomainException {

  private final List<String> errors;

  public BundleRefused(String error) {
    this(List.of(error));
  }

  public BundleRefused(String error, Throwable cause) {
    super(error, cause);
    this.errors = List.of(error);
  }

  public BundleRefused(List<String> errors) {
    super(String.join("; ", errors));
    this.errors = List.copyOf(errors);
  }

  /** The located errors, one a line. */
  public List<String> errors() {
    return errors;
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.FAILED_PRECONDITION;
  }
}
