package dev.eden.common.proto;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** {@link Timestamp}s to and from {@link Instant}s and epoch milliseconds, to the nanosecond. */
public final class ProtoTime {

  private ProtoTime() {}

  public static Timestamp of(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  public static Timestamp ofMillis(long epochMillis) {
    return of(Instant.ofEpochMilli(epochMillis));
  }

  public static Instant toInstant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /** Milliseconds since the epoch, the sub-millisecond part dropped. */
  public static long toMillis(Timestamp t) {
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
  }
}
