package dev.eden.cli;

import dev.eden.agent.trust.AgentChannels;
import dev.eden.agent.trust.TlsClientContexts;
import dev.eden.common.pem.Pem;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A CLI client configuration (YAML, as the reconciler writes to {@code <data-dir>/admin.conf} and
 * {@code eden config create-user} writes): server address, CA, user certificate and key. Found in
 * {@code --config FILE}, else {@code $EDEN_CONFIG}, else {@code ~/.config/eden/config}. {@link
 * #toString()} never shows the key.
 */
public record ClientConfig(
    Path file,
    String server,
    String user,
    String role,
    X509Certificate ca,
    List<X509Certificate> chain,
    PrivateKey key) {

  static final String ENV = "EDEN_CONFIG";

  /** The file to read: the flag, else the environment variable, else the per-user default. */
  static Optional<Path> locate(Optional<Path> flag, Map<String, String> env, Path home) {
    if (flag.isPresent()) {
      return flag;
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(Path.of(fromEnv));
    }
    Path def = home.resolve(".config/eden/config");
    return Files.exists(def) ? Optional.of(def) : Optional.empty();
  }

  /**
   * Reads a configuration file.
   *
   * @throws IllegalArgumentException naming the file and the missing or bad field, never a value
   */
  public static ClientConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read client config " + file + ": " + e.getMessage());
    }
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().build()).loadFromString(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": not valid YAML");
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(file + ": expected a YAML mapping");
    }
    String where = file.toString();
    return new ClientConfig(
        file,
        field(map, "server", where),
        field(map, "user", where),
        field(map, "role", where),
        Pem.certificates(field(map, "ca", where), where + ": ca").get(0),
        Pem.certificates(field(map, "certificate", where), where + ": certificate"),
        Pem.privateKey(field(map, "key", where), where + ": key"));
  }

  /** A mutual-TLS channel to {@link #server()} as this configuration's user. */
  public ManagedChannel channel() {
    return AgentChannels.withTls(server, TlsClientContexts.mutual(ca, key, chain)).build();
  }

  private static String field(Map<?, ?> map, String key, String where) {
    Object v = map.get(key);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(where + ": missing field '" + key + "'");
    }
    return s;
  }

  @Override
  public String toString() {
    return "ClientConfig[file="
        + file
        + ", server="
        + server
        + ", user="
        + user
        + ", key=<hidden>]";
  }
}
