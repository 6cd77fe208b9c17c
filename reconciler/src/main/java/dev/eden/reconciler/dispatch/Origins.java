package dev.eden.reconciler.dispatch;

import dev.eden.proto.NamespacedName;
import dev.eden.proto.Origin;

/**
 * Who asked for a dispatch, and how people read it: {@code user:NAME}, {@code Trigger/ns/name},
 * {@code CronJob/ns/name}. Tables, {@code -o json|yaml}, event messages and log lines all print an
 * origin with {@link #text}.
 */
public final class Origins {

  private Origins() {}

  /** {@code eden run} by {@code name}. */
  public static Origin user(String name) {
    return Origin.newBuilder().setUser(name).build();
  }

  /** A Trigger's reaction. */
  public static Origin trigger(String namespace, String name) {
    return Origin.newBuilder().setTrigger(named(namespace, name)).build();
  }

  /** A CronJob's scheduled time. */
  public static Origin cronJob(String namespace, String name) {
    return Origin.newBuilder().setCronJob(named(namespace, name)).build();
  }

  /** As people read it; empty for an origin that names none. */
  public static String text(Origin origin) {
    return switch (origin.getKindCase()) {
      case USER -> "user:" + origin.getUser();
      case TRIGGER -> "Trigger/" + key(origin.getTrigger());
      case CRON_JOB -> "CronJob/" + key(origin.getCronJob());
      case KIND_NOT_SET -> "";
    };
  }

  /**
   * Reads an origin as {@link #text} prints it; "" is no origin (any, in a filter).
   *
   * @throws IllegalArgumentException when the text is none of the three forms
   */
  public static Origin parse(String text) {
    if (text.isEmpty()) {
      return Origin.getDefaultInstance();
    }
    if (text.startsWith("user:") && text.length() > "user:".length()) {
      return user(text.substring("user:".length()));
    }
    String[] parts = text.split("/", -1);
    if (parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()) {
      if (parts[0].equals("Trigger")) {
        return trigger(parts[1], parts[2]);
      }
      if (parts[0].equals("CronJob")) {
        return cronJob(parts[1], parts[2]);
      }
    }
    throw new IllegalArgumentException(
        "origin '"
            + text
            + "' is not one of user:NAME, Trigger/NAMESPACE/NAME, CronJob/NAMESPACE/NAME");
  }

  private static NamespacedName named(String namespace, String name) {
    return NamespacedName.newBuilder().setNamespace(namespace).setName(name).build();
  }

  private static String key(NamespacedName n) {
    return n.getNamespace() + "/" + n.getName();
  }
}
