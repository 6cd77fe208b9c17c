package dev.eden.agent.beacon;

import dev.eden.agent.action.Params;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code http.get} check: {@code url} answers a GET with {@code status} (default 200) within
 * {@code timeout} (default 10s). Redirects are not followed, so a 301 is a 301. The URL is shown
 * without credentials or query.
 */
final class HttpProbe {
  static final Set<String> PARAMETERS = Set.of("url", "status", "timeout");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  CheckResult get(Params p) throws InterruptedException {
    p.allowOnly(PARAMETERS);
    URI uri = uri(p);
    int expected = status(p);
    Duration timeout = p.duration("timeout").orElse(DEFAULT_TIMEOUT);
    String shown = "GET " + shown(uri);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == expected
          ? CheckResult.pass(shown + ": " + status)
          : CheckResult.fail(shown + ": " + status + ", expected " + expected);
    } catch (HttpTimeoutException e) {
      return CheckResult.fail(shown + ": no answer within " + timeout.toMillis() + "ms");
    } catch (ConnectException e) {
      return CheckResult.fail(shown + ": connection refused");
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return CheckResult.fail(shown + ": " + why);
    }
  }

  private static URI uri(Params p) {
    String text = p.string("url");
    try {
      URI uri = new URI(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw p.bad("parameter 'url' must be an http:// or https:// URL");
      }
      if (uri.getHost() == null) {
        throw p.bad("parameter 'url' has no host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw p.bad("parameter 'url' is not a URL: " + e.getReason());
    }
  }

  private static int status(Params p) {
    String text = p.optString("status").orElse("200");
    try {
      int status = Integer.parseInt(text);
      if (status >= 100 && status <= 599) {
        return status;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw p.bad(
        "parameter 'status' must be an HTTP status between 100 and 599, not '" + text + "'");
  }

  /** The URL without user info or query, for messages. */
  static String shown(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + uri.getHost() + port + path;
  }
}
