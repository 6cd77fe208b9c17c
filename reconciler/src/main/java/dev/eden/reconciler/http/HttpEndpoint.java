package dev.eden.reconciler.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.pipeline.Metrics;
import dev.eden.reconciler.pipeline.NodeStatuses;
import dev.eden.reconciler.review.forge.PullRequestPreviews;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's HTTP port: {@code POST /hooks/git} (fetch now; a pull-request event is previewed
 * instead), {@code POST /hooks/alertmanager} (alerts become events), {@code GET /healthz}, {@code
 * GET /metrics}.
 */
public final class HttpEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Hooks hooks;

  private HttpEndpoint(HttpServer server, ExecutorService executor, Hooks hooks) {
    this.server = server;
    this.executor = executor;
    this.hooks = hooks;
  }

  /**
   * Binds and starts the endpoint.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static HttpEndpoint start(
      InetSocketAddress address, Hooks hooks, Metrics metrics, NodeStatuses statuses) {
    return start(address, hooks, metrics, statuses, Optional.empty());
  }

  /**
   * Binds and starts the endpoint, with the hosted repository on {@code /git} when {@code git} is
   * present ({@code eden reconciler --hosted}).
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static HttpEndpoint start(
      InetSocketAddress address,
      Hooks hooks,
      Metrics metrics,
      NodeStatuses statuses,
      Optional<HttpHandler> git) {
    try {
      HttpServer server = HttpServer.create(address, 0);
      ExecutorService executor =
          Executors.newFixedThreadPool(git.isPresent() ? 4 : 2, HttpEndpoint::thread);
      git.ifPresent(handler -> server.createContext("/git", handler));
      server.setExecutor(executor);
      AlertmanagerHook alertmanager = new AlertmanagerHook(hooks.events(), hooks.registeredNode());
      server.createContext("/hooks/git", ex -> handle(ex, () -> git(ex, hooks)));
      server.createContext(
          "/hooks/alertmanager", ex -> handle(ex, () -> alertmanager(ex, hooks, alertmanager)));
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
                          MetricsText.render(metrics.snapshot(), statuses.list())
                              + MetricsText.previews(
                                  hooks.previews().map(PullRequestPreviews::counts)))));
      server.start();
      LOG.info("event=http_started address={}", server.getAddress());
      return new HttpEndpoint(server, executor, hooks);
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

  /** A handler body that may fail with I/O or refuse the request. */
  @FunctionalInterface
  private interface Handler {
    void run() throws IOException, BadRequest;
  }

  private static void handle(HttpExchange ex, Handler handler) {
    try (ex) {
      try {
        handler.run();
      } catch (BadRequest e) {
        LOG.warn(
            "event=http_bad_request path={} reason=\"{}\"",
            ex.getRequestURI().getPath(),
            e.getMessage());
        ex.getResponseHeaders().set("Connection", "close");
        reply(ex, 400, "text/plain", e.getMessage() + "\n");
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "event=http_failed path={} error=\"{}\"", ex.getRequestURI().getPath(), e.toString());
    }
  }

  private static void git(HttpExchange ex, Hooks hooks) throws IOException, BadRequest {
    if (!post(ex)) {
      return;
    }
    byte[] body = read(ex);
    if (!authorised(ex, hooks, body, true)) {
      return;
    }
    if (PullRequestHook.isPullRequest(ex.getRequestHeaders())) {
      reply(ex, 202, "text/plain", PullRequestHook.accept(hooks, body) + "\n");
      return;
    }
    hooks.fetchNow().run();
    hooks
        .events()
        .emit(
            Event.Type.NORMAL,
            Reason.WEBHOOK_RECEIVED,
            EventLog.object(EventKinds.WEBHOOK, "git"),
            "",
            "",
            "git: fetch requested");
    LOG.info("event=hook_accepted path=/hooks/git");
    reply(ex, 202, "text/plain", "fetch scheduled\n");
  }

  private static void alertmanager(HttpExchange ex, Hooks hooks, AlertmanagerHook hook)
      throws IOException, BadRequest {
    if (!post(ex)) {
      return;
    }
    byte[] body = read(ex);
    if (!authorised(ex, hooks, body, false)) {
      return;
    }
    List<Event> stored = hook.accept(AlertmanagerPayload.parse(body));
    int alerts = stored.size() - 1;
    LOG.info("event=hook_accepted path=/hooks/alertmanager alerts={}", alerts);
    reply(ex, 200, "text/plain", alerts + (alerts == 1 ? " alert" : " alerts") + " recorded\n");
  }

  private static boolean post(HttpExchange ex) throws IOException {
    if (ex.getRequestMethod().equals("POST")) {
      return true;
    }
    reply(ex, 405, "text/plain", "use POST\n");
    return false;
  }

  /**
   * The body, up to {@link RequestBody#MAX}. The stream is left open: closing it drains what the
   * client still sends, which must come after the reply (the exchange closes it).
   */
  private static byte[] read(HttpExchange ex) throws IOException, BadRequest {
    InputStream in = ex.getRequestBody();
    return RequestBody.read(ex.getRequestHeaders().getFirst("Content-Length"), in, RequestBody.MAX);
  }

  /**
   * Whether the request carries the token (as a bearer token, a forge's token header or an HMAC of
   * {@code body}); answers 401 when not. Without a configured token, {@code openWithoutToken}
   * decides.
   */
  private static boolean authorised(
      HttpExchange ex, Hooks hooks, byte[] body, boolean openWithoutToken) throws IOException {
    Headers h = ex.getRequestHeaders();
    boolean allowed =
        hooks.token().isEmpty()
            ? openWithoutToken
            : new WebhookAuth(hooks.token().get())
                .allows(
                    new WebhookAuth.Headers(
                        h.getFirst("Authorization"),
                        h.getFirst("X-Gitlab-Token"),
                        h.getFirst("X-Hub-Signature-256"),
                        h.getFirst("X-Gitea-Signature")),
                    body);
    if (!allowed) {
      LOG.warn(
          "event=hook_unauthorised path={} remote={}",
          ex.getRequestURI().getPath(),
          ex.getRemoteAddress().getAddress());
      reply(
          ex,
          401,
          "text/plain",
          hooks.token().isEmpty()
              ? "unauthorised: the reconciler has no --webhook-token-file\n"
              : "unauthorised\n");
    }
    return allowed;
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
    hooks.previews().ifPresent(PullRequestPreviews::close);
    LOG.info("event=http_stopped");
  }
}
