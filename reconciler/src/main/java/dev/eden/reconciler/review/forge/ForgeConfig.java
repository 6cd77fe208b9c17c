package dev.eden.reconciler.review.forge;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where pull requests are previewed: {@code --forge}, {@code --forge-api}, {@code --forge-repo},
 * {@code --forge-token-file}.
 *
 * @param kind the forge
 * @param api its API's base URL ({@code https://api.github.com}, {@code
 *     https://gitlab.example.org/api/v4}, {@code https://gitea.example.org/api/v1})
 * @param repository {@code OWNER/NAME} (GitLab: the project's path with its namespace)
 * @param token the API token; empty when it could not be read
 * @param tokenProblem why there is no token ("" when there is one): logged once, and every preview
 *     is reported as failing with it
 * @param retry how forge calls that fail are tried again
 */
public record ForgeConfig(
    ForgeKind kind,
    URI api,
    String repository,
    Optional<String> token,
    String tokenProblem,
    Retry retry) {

  /**
   * Forge calls that fail (a network error, a 5xx, a 429) are tried {@code attempts} times in all,
   * waiting {@code first}, then twice as long each time, at most {@code max}.
   */
  public record Retry(int attempts, Duration first, Duration max) {
    public static Retry defaults() {
      return new Retry(5, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** The wait before attempt {@code n} (2 is the first retry). */
    public Duration before(int n) {
      Duration d = first.multipliedBy(1L << Math.min(20, Math.max(0, n - 2)));
      return d.compareTo(max) > 0 ? max : d;
    }
  }

  public ForgeConfig {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(api, "api");
    if (!repository.matches("[^/\\s]+(/[^/\\s]+)+")) {
      throw new IllegalArgumentException(
          "--forge-repo " + repository + ": give OWNER/NAME, as in the repository's URL");
    }
  }

  public static ForgeConfig withToken(ForgeKind kind, URI api, String repository, String token) {
    return new ForgeConfig(kind, api, repository, Optional.of(token), "", Retry.defaults());
  }

  public ForgeConfig withRetry(Retry r) {
    return new ForgeConfig(kind, api, repository, token, tokenProblem, r);
  }
}
