package dev.eden.reconciler.hosted;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Git's smart HTTP protocol on {@code /git} for the hosted repository, with JGit's UploadPack
 * (clone, fetch) and ReceivePack (push) over the reconciler's HTTP server: {@code GET
 * /git/info/refs?service=...}, {@code POST /git/git-upload-pack}, {@code POST
 * /git/git-receive-pack}. Pushes are validated one at a time ({@link PushRules}) and an accepted
 * one is rolled out before the push returns.
 */
public final class HostedGit implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(HostedGit.class);
  private static final String UPLOAD = "git-upload-pack";
  private static final String RECEIVE = "git-receive-pack";

  /**
   * How pushes are taken.
   *
   * @param branch the served branch, the only one a push may move
   * @param allowForcePush accept non-fast-forward pushes
   * @param maxPushSize the largest pack a push may send, in bytes
   * @param pushWait how long a push waits while another is validated, before it is refused
   */
  public record Settings(
      String branch, boolean allowForcePush, long maxPushSize, Duration pushWait) {}

  private final Repository repository;
  private final Settings settings;
  private final CandidateCheck check;
  private final Runnable rollOut;
  private final AtomicReference<GitCredentials> credentials;
  private final ReentrantLock pushes = new ReentrantLock();

  /**
   * @param rollOut processes the new head of the branch at once (after an accepted push)
   * @param credentials who may fetch and push, read on every request
   */
  public HostedGit(
      Repository repository,
      Settings settings,
      CandidateCheck check,
      Runnable rollOut,
      AtomicReference<GitCredentials> credentials) {
    this.repository = repository;
    this.settings = settings;
    this.check = check;
    this.rollOut = rollOut;
    this.credentials = credentials;
  }

  @Override
  public void handle(HttpExchange ex) {
    try (ex) {
      String path = ex.getRequestURI().getPath().replaceFirst("^/git(\\.git)?", "");
      String query = Optional.ofNullable(ex.getRequestURI().getQuery()).orElse("");
      String method = ex.getRequestMethod();
      if (path.equals("/info/refs") && method.equals("GET")) {
        String service = query.replaceFirst("^.*service=([a-z-]+).*$", "$1");
        if (!service.equals(UPLOAD) && !service.equals(RECEIVE)) {
          text(ex, 403, "only Git's smart HTTP protocol is served (git 1.6.6 or newer)\n");
        } else if (allowed(ex, service.equals(RECEIVE) ? GitAccess.PUSH : GitAccess.FETCH)) {
          advertise(ex, service);
        }
      } else if (path.equals("/" + UPLOAD) && method.equals("POST")) {
        if (allowed(ex, GitAccess.FETCH)) {
          upload(ex);
        }
      } else if (path.equals("/" + RECEIVE) && method.equals("POST")) {
        if (allowed(ex, GitAccess.PUSH)) {
          receive(ex);
        }
      } else {
        text(ex, 404, "not found: the repository is at /git (git clone http://HOST:PORT/git)\n");
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "event=git_http_failed path={} error=\"{}\"", ex.getRequestURI().getPath(), e.toString());
    }
  }

  /** Answers 401 (no or a wrong credential) or 403 (a fetch token pushing) when not allowed. */
  private boolean allowed(HttpExchange ex, GitAccess needed) throws IOException {
    Optional<GitAccess> access = credentials.get().access(password(ex));
    if (access.isPresent() && access.get().includes(needed)) {
      return true;
    }
    LOG.warn(
        "event=git_http_unauthorised path={} remote={} needed={}",
        ex.getRequestURI().getPath(),
        ex.getRemoteAddress().getAddress(),
        needed);
    if (access.isPresent()) {
      text(ex, 403, "this token may only fetch; push with a token from eden token create --push\n");
    } else {
      ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"eden\"");
      text(ex, 401, "unauthorised: use a token from eden token create --push as the password\n");
    }
    return false;
  }

  /** The password of {@code Authorization: Basic}, "" when there is none. */
  private static String password(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return "";
    }
    try {
      String pair =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? "" : pair.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private void advertise(HttpExchange ex, String service) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/x-" + service + "-advertisement");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      PacketLineOut pck = new PacketLineOut(out);
      pck.writeString("# service=" + service + "\n");
      pck.end();
      PacketLineOutRefAdvertiser refs = new PacketLineOutRefAdvertiser(pck);
      if (service.equals(UPLOAD)) {
        UploadPack up = new UploadPack(repository);
        up.setBiDirectionalPipe(false);
        try {
          up.sendAdvertisedRefs(refs);
        } finally {
          up.getRevWalk().close();
        }
      } else {
        receivePack().sendAdvertisedRefs(refs);
      }
    }
  }

  private void upload(HttpExchange ex) throws IOException {
    UploadPack up = new UploadPack(repository);
    up.setBiDirectionalPipe(false);
    ex.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-result");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    try (InputStream in = body(ex);
        OutputStream out = ex.getResponseBody()) {
      up.upload(in, out, null);
    }
  }

  private void receive(HttpExchange ex) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxRequest()) {
      text(
          ex,
          413,
          "push too large: at most " + settings.maxPushSize() + " bytes (--max-push-size)\n");
      return;
    }
    if (!acquire()) {
      text(ex, 503, "another push is being validated; push again in a moment\n");
      return;
    }
    try {
      AtomicBoolean accepted = new AtomicBoolean();
      ReceivePack rp = receivePack();
      rp.setPreReceiveHook(new PushRules(settings.branch(), settings.allowForcePush(), check));
      rp.setPostReceiveHook((pack, commands) -> accepted.set(!commands.isEmpty()));
      ex.getResponseHeaders().set("Content-Type", "application/x-git-receive-pack-result");
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      ex.sendResponseHeaders(200, 0);
      try (InputStream in = body(ex);
          OutputStream out = ex.getResponseBody()) {
        rp.receive(in, out, null);
        if (accepted.get()) {
          rollOut.run();
        }
      }
    } finally {
      pushes.unlock();
    }
  }

  /** The pack plus the ref commands: a little more than the pack. */
  private long maxRequest() {
    return settings.maxPushSize() + 64 * 1024;
  }

  private boolean acquire() {
    try {
      return pushes.tryLock(settings.pushWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ReceivePack receivePack() {
    ReceivePack rp = new ReceivePack(repository);
    rp.setBiDirectionalPipe(false);
    rp.setAllowCreates(true);
    rp.setAllowDeletes(false);
    rp.setAllowNonFastForwards(true);
    rp.setCheckReceivedObjects(true);
    rp.setMaxPackSizeLimit(settings.maxPushSize());
    return rp;
  }

  private static InputStream body(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    return encoding != null && encoding.contains("gzip") ? new GZIPInputStream(in) : in;
  }

  private static void text(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
