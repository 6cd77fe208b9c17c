package dev.eden.common;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.ProtocolMessageEnum;
import java.util.Map;
import java.util.Optional;

/**
 * The word people and scripts see for a value of one of eden's wire enums ({@code Ready}, {@code
 * Pending}, {@code failure}, {@code plan-changed}): the value's {@code (eden.v1.text)} option,
 * written once beside the value in the .proto files. Tables, {@code -o json|yaml}, metric labels,
 * stored rows and log lines all use it, so the text of a value has one home.
 */
public final class WireText {

  /** The full name of the option (eden/v1/options.proto). */
  static final String OPTION = "eden.v1.text";

  private WireText() {}

  /**
   * The text of {@code value}; empty for {@code *_UNSPECIFIED} and for a number this build does not
   * know (a newer peer's value).
   */
  public static String of(ProtocolMessageEnum value) {
    if (value instanceof Enum<?> e && e.name().equals("UNRECOGNIZED")) {
      return "";
    }
    return of(value.getValueDescriptor());
  }

  /** The text of a value by its descriptor; empty when it has none. */
  public static String of(EnumValueDescriptor value) {
    for (Map.Entry<FieldDescriptor, Object> o : value.getOptions().getAllFields().entrySet()) {
      if (o.getKey().getFullName().equals(OPTION)) {
        return (String) o.getValue();
      }
    }
    return "";
  }

  /** The value of {@code type} whose text is {@code text}, if one is. */
  public static <E extends Enum<E> & ProtocolMessageEnum> Optional<E> parse(
      Class<E> type, String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    for (E value : type.getEnumConstants()) {
      if (text.equals(of(value))) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
