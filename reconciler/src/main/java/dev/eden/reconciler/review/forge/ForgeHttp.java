package dev.eden.reconciler.review.forge;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP to a forge's API, authenticated as the forge expects the token ({@code
 * Authorization: Bearer} for GitHub, {@code Authorization: token} for Gitea, {@code PRIVATE-TOKEN}
 * for GitLab). Errors are {@link ForgeException}s whose message never holds the token.
 */
final class ForgeHttp {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int BODY_IN_ERRORS = 200;

  private final HttpClient http;
  private final ForgeConfig config;

  ForgeHttp(HttpClient http, ForgeConfig config) {
    this.http = http;
    this.config = config;
  }

  /**
   * Sends {@code body} (null for none) and returns the parsed answer (JSON null when empty).
   *
   * @param path below the API's base URL, starting with {@code /}
   */
  JsonElement send(String method, String path, JsonObject body) throws ForgeException {
    String base = config.api().toString().replaceAll("/+$", "");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .header("User-Agent", "eden-reconciler")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    authenticate(request);
    HttpResponse<String> response = exchange(method, path, request.build());
    if (response.statusCode() >= 300) {
      String text = response.body() == null ? "" : response.body().strip();
      throw new ForgeException(
          response.statusCode(),
          config.kind().flag()
              + " answered "
              + response.statusCode()
              + " to "
              + method
              + " "
              + path
              + (text.isEmpty() ? "" : ": " + cut(text)),
          null);
    }
    return parse(method, path, response.body());
  }

  private void authenticate(HttpRequest.Builder request) {
    String token = config.token().orElse("");
    switch (config.kind()) {
      case GITHUB -> request.header("Authorization", "Bearer " + token);
      case GITEA -> request.header("Authorization", "token " + token);
      case GITLAB -> request.header("PRIVATE-TOKEN", token);
    }
  }

  private HttpResponse<String> exchange(String method, String path, HttpRequest request)
      throws ForgeException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ForgeException(
          0, config.kind().flag() + " unreachable for " + method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ForgeException(0, "interrupted during " + method + " " + path, e);
    }
  }

  private JsonElement parse(String method, String path, String text) throws ForgeException {
    if (text == null || text.isBlank()) {
      return com.google.gson.JsonNull.INSTANCE;
    }
    try {
      return JsonParser.parseString(text);
    } catch (JsonParseException e) {
      throw new ForgeException(
          502, method + " " + path + " answered something that is not JSON: " + cut(text), e);
    }
  }

  private static String cut(String text) {
    String line = text.replace('\n', ' ');
    return line.length() <= BODY_IN_ERRORS ? line : line.substring(0, BODY_IN_ERRORS) + "…";
  }
}
