package dev.eden.schema.lang;

import java.util.List;
import java.util.Locale;

/**
 * The type of one field of the manifest language. The same description drives checking, binding and
 * the JSON Schema, so every type says how it reads in a message ({@link #describe()}).
 */
public sealed interface FieldType {

  /** How the type reads in "expected …" messages. */
  String describe();

  FieldType TEXT = new Text();
  FieldType BOOL = new Bool();
  FieldType SELECTOR = new Selector();
  FieldType DURATION = new DurationText(false);
  FieldType POSITIVE_DURATION = new DurationText(true);
  FieldType CRON = new Cron();
  FieldType TIME_ZONE = new TimeZone();
  FieldType OBJECT_NAME = new ObjectName(false);
  FieldType NAMESPACE = new ObjectName(true);
  FieldType FREE_MAP = new FreeMap();
  FieldType TEXT_LIST = new ListOf(TEXT);
  FieldType TEXT_MAP = new MapOf(TEXT);
  FieldType EMITTERS_OR_SELECTOR = new EmittersOrSelector();

  /** A scalar read as text (numbers and booleans are accepted as their text). */
  record Text() implements FieldType {
    @Override
    public String describe() {
      return "a string";
    }
  }

  /** An integer of at least {@code min}. */
  record Count(int min) implements FieldType {
    @Override
    public String describe() {
      return "an integer >= " + min;
    }
  }

  /** {@code true} or {@code false}. */
  record Bool() implements FieldType {
    @Override
    public String describe() {
      return "true or false";
    }
  }

  /** A duration such as {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 500ms}. */
  record DurationText(boolean positive) implements FieldType {
    @Override
    public String describe() {
      return "a duration such as 30s, 10m, 1h30m or 500ms";
    }
  }

  /** A label selector in Kubernetes syntax. */
  record Selector() implements FieldType {
    @Override
    public String describe() {
      return "a label selector such as \"tier=web,env!=dev\"";
    }
  }

  /** One of a fixed set of words; {@code what} names the set in messages ("mode", "action"). */
  record Choice(String what, List<String> values) implements FieldType {
    public Choice {
      values = List.copyOf(values);
    }

    /** The wire names of {@code type}'s constants: {@code RUN_ONCE} becomes {@code runOnce}. */
    public static <E extends Enum<E>> Choice of(String what, Class<E> type, boolean capitalized) {
      List<String> names = new java.util.ArrayList<>();
      for (E e : type.getEnumConstants()) {
        names.add(wireName(e, capitalized));
      }
      return new Choice(what, names);
    }

    /** {@code RUN_ONCE} → {@code runOnce} (or {@code RunOnce} when capitalized). */
    public static String wireName(Enum<?> e, boolean capitalized) {
      StringBuilder out = new StringBuilder();
      for (String part : e.name().toLowerCase(Locale.ROOT).split("_")) {
        boolean upper = capitalized || out.length() > 0;
        out.append(upper ? Character.toUpperCase(part.charAt(0)) + part.substring(1) : part);
      }
      return out.toString();
    }

    @Override
    public String describe() {
      return "one of " + String.join(", ", values);
    }
  }

  /** A cron expression: 5 fields (standard) or 6/7 fields (Quartz, with seconds). */
  record Cron() implements FieldType {
    @Override
    public String describe() {
      return "a cron expression such as \"0 3 * * *\"";
    }
  }

  /** A time zone id such as {@code UTC} or {@code Europe/Paris}. */
  record TimeZone() implements FieldType {
    @Override
    public String describe() {
      return "a time zone such as UTC or Europe/Paris";
    }
  }

  /** An object name (DNS subdomain) or, with {@code label}, a namespace (DNS label). */
  record ObjectName(boolean label) implements FieldType {
    @Override
    public String describe() {
      return label ? "a namespace name" : "an object name";
    }
  }

  /** A list whose items are {@code item}. */
  record ListOf(FieldType item) implements FieldType {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A mapping from text keys to {@code value}. */
  record MapOf(FieldType value) implements FieldType {
    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A mapping of anything (variables, parameters): kept as positioned values. */
  record FreeMap() implements FieldType {
    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A nested part with its own fields. */
  record Obj(Part part) implements FieldType {
    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** Trigger {@code run.on}: the word {@code emitters} or a label selector. */
  record EmittersOrSelector() implements FieldType {
    @Override
    public String describe() {
      return "'emitters' or a label selector";
    }
  }
}
