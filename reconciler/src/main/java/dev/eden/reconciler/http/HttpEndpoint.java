package dev.eden.reconciler.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eden.reconciler.pipeline.Metrics;
import dev.eden.reconciler.pipeline.NodeStatuses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's HTTP port: {@code POST /hooks/git} (fetch now), {@code GET /healthz}, {@code GET
 * /metrics}.
 */
public final class HttpEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
  private static final int MAX_BODY = 1 << 20;

  private final HttpServer server;
  private final ExecutorService executor;

  private HttpEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts the endpoint.
   *
   * @param webhookToken when present, {@code /hooks/git} requires {@code Authorization: Bearer
   *     <token>}, or a forge's token header or body signature made with it ({@link WebhookAuth})
   * @param fetchNow asked to fetch (asynchronously) when the hook is called
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static HttpEndpoint start(
      InetSocketAddress address,
      Optional<String> webhookToken,
      Runnable fetchNow,
      Metrics metrics,
      NodeStatuses statuses) {
    try {
      HttpServer server = HttpServer.create(address, 0);
      ExecutorService executor = Executors.newFixedThreadPool(2, HttpEndpoint::thread);
      server.setExecutor(executor);
      server.createContext("/hooks/git", ex -> handle(ex, () -> hook(ex, webhookToken, fetchNow)));
      server.createContext(
          "/healthz", ex -> handle(ex, () -> reply(ex, 200, "text/plain", "ok\n")));
      server.createContext(
          "/metrics",
          ex ->
              handle(
                  ex,
                  () ->
                      reply(
                          ex,
                          200,
                          "text/plain; version=0.0.4",
                          MetricsText.render(metrics.snapshot(), statuses.list()))));
      server.start();
      LOG.info("event=http_started address={}", server.getAddress());
      return new HttpEndpoint(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("binding HTTP on " + address + ": " + e.getMessage(), e);
    }
  }

  private static Thread thread(Runnable r) {
    Thread t = new Thread(r, "eden-http");
    t.setDaemon(true);
    return t;
  }

  /** The bound address (port chosen by the system when 0 was asked). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** A handler body that may fail with I/O. */
  @FunctionalInterface
  private interface Handler {
    void run() throws IOException;
  }

  private static void handle(HttpExchange ex, Handler handler) {
    try (ex) {
      handler.run();
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "event=http_failed path={} error=\"{}\"", ex.getRequestURI().getPath(), e.toString());
    }
  }

  private static void hook(HttpExchange ex, Optional<String> token, Runnable fetchNow)
      throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      reply(ex, 405, "text/plain", "use POST\n");
      return;
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(MAX_BODY);
    }
    if (token.isPresent()
        && !new WebhookAuth(token.get())
            .allows(
                new WebhookAuth.Headers(
                    ex.getRequestHeaders().getFirst("Authorization"),
                    ex.getRequestHeaders().getFirst("X-Gitlab-Token"),
                    ex.getRequestHeaders().getFirst("X-Hub-Signature-256"),
                    ex.getRequestHeaders().getFirst("X-Gitea-Signature")),
                body)) {
      LOG.warn("event=hook_unauthorised remote={}", ex.getRemoteAddress().getAddress());
      reply(ex, 401, "text/plain", "unauthorised\n");
      return;
    }
    fetchNow.run();
    LOG.info("event=hook_accepted path=/hooks/git");
    reply(ex, 202, "text/plain", "fetch scheduled\n");
  }

  private static void reply(HttpExchange ex, int code, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    LOG.info("event=http_stopped");
  }
}
