package dev.eden.reconciler.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.common.error.DomainException;
import dev.eden.common.error.ErrorKind;
import dev.eden.reconciler.store.StoreException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorStatusTest {

  static final class Refused extends DomainException {
    private final ErrorKind kind;

    Refused(ErrorKind kind, String message) {
      super(message);
      this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
      return kind;
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ErrorKind.class,
      names = {"STORAGE", "INTERNAL"},
      mode = EnumSource.Mode.EXCLUDE)
  void everyKindWrittenForTheCallerKeepsItsMessageUnderItsOwnCode(ErrorKind kind) {
    Status status = ErrorStatus.of("M", new Refused(kind, "taskbook is required")).getStatus();

    assertThat(status.getCode().name()).isEqualTo(kind.name());
    assertThat(status.getDescription()).isEqualTo("taskbook is required");
  }

  @Test
  void unexpectedExceptionIsInternalWithAnErrorIdAndNotItsText() {
    Status status =
        ErrorStatus.of("Get", new NullPointerException("secret detail at Foo.java:12")).getStatus();

    assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(status.getDescription())
        .matches("internal error \\(error id [0-9a-f]{8}; the server's log has the cause\\)")
        .doesNotContain("secret", "NullPointerException");
  }

  @Test
  void storageFailureIsUnavailableWithoutThePathOrTheSql() {
    StoreException e =
        new StoreException(
            "opening database /var/lib/eden/eden.db: [SQLITE_BUSY]", new SQLException("busy"));

    Status status = ErrorStatus.of("Apply", e).getStatus();

    assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(status.getDescription())
        .startsWith("storage unavailable, try again (error id ")
        .doesNotContain("/var/lib", "SQLITE");
  }

  @Test
  void internalKindHidesItsMessage() {
    Status status =
        ErrorStatus.of("Enroll", new Refused(ErrorKind.INTERNAL, "trust store failed: x"))
            .getStatus();

    assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(status.getDescription()).doesNotContain("trust store");
  }

  @Test
  void refusedValueIsInvalidArgumentAndAStatusBuiltOnPurposePassesThrough() {
    assertThat(ErrorStatus.of("M", new IllegalArgumentException("stepId must not be blank")))
        .satisfies(
            s -> {
              assertThat(s.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(s.getStatus().getDescription()).isEqualTo("stepId must not be blank");
            });
    StatusRuntimeException own = Status.ABORTED.withDescription("x").asRuntimeException();
    assertThat(ErrorStatus.of("M", own)).isSameAs(own);
  }

  @Test
  void unaryAnswersTheValueOrTheMappedStatus() {
    Recorder<String> ok = new Recorder<>();
    ErrorStatus.unary("M", ok, () -> "v");
    assertThat(ok.values).containsExactly("v");
    assertThat(ok.completed).isTrue();

    Recorder<String> failed = new Recorder<>();
    ErrorStatus.unary(
        "M",
        failed,
        () -> {
          throw new Refused(ErrorKind.NOT_FOUND, "no TaskBook web");
        });
    assertThat(failed.values).isEmpty();
    assertThat(Status.fromThrowable(failed.error).getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  private static final class Recorder<T> implements StreamObserver<T> {
    final List<T> values = new ArrayList<>();
    Throwable error;
    boolean completed;

    @Override
    public void onNext(T value) {
      values.add(value);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onCompleted() {
      completed = true;
    }
  }
}
