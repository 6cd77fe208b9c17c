package dev.eden.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Tells a reconciler on this machine to fetch now, as a Git forge's push webhook does. */
public final class GitHook {

  private GitHook() {}

  /**
   * {@code POST http://127.0.0.1:PORT/hooks/git} with an empty JSON body.
   *
   * @param authorization the {@code Authorization} header, if any
   * @return the HTTP status (202 when the fetch was queued, 401 without the right token)
   */
  public static int post(int httpPort, Optional<String> authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/hooks/git"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    authorization.ifPresent(a -> request.header("Authorization", a));
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
