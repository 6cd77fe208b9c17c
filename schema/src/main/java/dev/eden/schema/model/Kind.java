package dev.eden.schema.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every kind of object in the manifest language, with its scope. */
public enum Kind {
  NODE_GROUP("NodeGroup", false),
  NODE("Node", false),
  CONFIG("Config", false),
  CLUSTER_VARIABLE("ClusterVariable", false),
  CLUSTER_EVENT("ClusterEvent", false),
  TASK_BOOK("TaskBook", true),
  VARIABLE("Variable", true),
  CRON_JOB("CronJob", true),
  BEACON("Beacon", true),
  TRIGGER("Trigger", true),
  EVENT("Event", true);

  /** The only apiVersion this release understands. */
  public static final String API_VERSION = "v1alpha";

  private final String wireName;
  private final boolean namespaced;

  Kind(String wireName, boolean namespaced) {
    this.wireName = wireName;
    this.namespaced = namespaced;
  }

  /** The name as written in {@code kind:}. */
  public String wireName() {
    return wireName;
  }

  public boolean namespaced() {
    return namespaced;
  }

  public static Optional<Kind> fromWireName(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Kind::wireName).toList();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
