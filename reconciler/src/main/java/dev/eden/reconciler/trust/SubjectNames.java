package dev.eden.reconciler.trust;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The URI subject alternative names that carry an identity in eden certificates: {@code
 * eden://node/<name>} and {@code eden://user/<name>?role=<role>}.
 */
public final class SubjectNames {

  private static final int URI_SAN = 6;

  private SubjectNames() {}

  public static String nodeUri(String node) {
    return "eden://node/" + Identity.requireName(node, "node name");
  }

  public static String userUri(String user, Role role) {
    return "eden://user/" + Identity.requireName(user, "user name") + "?role=" + role.wireName();
  }

  /** The identity a certificate carries, if it carries exactly one valid eden URI. */
  public static Optional<Identity> identityOf(X509Certificate cert) {
    Optional<Identity> found = Optional.empty();
    for (String uri : uris(cert)) {
      Optional<Identity> id = parse(uri);
      if (id.isPresent()) {
        if (found.isPresent()) {
          return Optional.empty();
        }
        found = id;
      }
    }
    return found;
  }

  static Optional<Identity> parse(String text) {
    try {
      URI uri = new URI(text);
      if (!"eden".equals(uri.getScheme()) || uri.getPath() == null) {
        return Optional.empty();
      }
      String name = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : "";
      return switch (uri.getHost() == null ? "" : uri.getHost()) {
        case "node" -> Optional.of(new Identity.Node(name));
        case "user" -> Optional.of(new Identity.User(name, roleOf(uri.getQuery())));
        default -> Optional.empty();
      };
    } catch (URISyntaxException | TrustException e) {
      return Optional.empty();
    }
  }

  private static Role roleOf(String query) {
    if (query == null || !query.startsWith("role=")) {
      throw TrustException.invalid("user certificate without a role");
    }
    return Role.parse(query.substring("role=".length()));
  }

  private static List<String> uris(X509Certificate cert) {
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans == null) {
        return List.of();
      }
      return sans.stream()
          .filter(san -> san.size() == 2 && Integer.valueOf(URI_SAN).equals(san.get(0)))
          .map(san -> String.valueOf(san.get(1)))
          .toList();
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
