package dev.eden.agent.beacon;

import static dev.eden.agent.beacon.Beacons.beacon;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.sun.net.httpserver.HttpServer;
import dev.eden.agent.action.Actions;
import dev.eden.agent.fs.RootFs;
import dev.eden.agent.proc.ProcessRunner;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeaconCheckTest {
  @TempDir Path root;
  final AtomicReference<Struct> facts = new AtomicReference<>(Struct.getDefaultInstance());
  BeaconCheck check;

  @BeforeEach
  void setUp() {
    check =
        new BeaconCheck(
            Actions.standard(),
            RootFs.at(root),
            new ProcessRunner(),
            "web-1",
            Map.of("tier", "web"),
            facts::get);
  }

  private CheckResult run(String action, String params) throws InterruptedException {
    return check.run(beacon("ops/check", 10_000, action, params));
  }

  @Test
  void fileManagedPassesWhenInPlaceAndFailsAsDriftWithoutTouchingTheFile() throws Exception {
    String params = "{'path':'/etc/motd','content':'hello\\n'}";
    Files.createDirectories(root.resolve("etc"));
    CheckResult missing = run("file.managed", params);
    assertThat(missing.passed()).isFalse();
    assertThat(missing.message()).startsWith("drift: ");
    assertThat(root.resolve("etc/motd")).doesNotExist();

    Files.writeString(root.resolve("etc/motd"), "hello\n");
    assertThat(run("file.managed", params).passed()).isTrue();

    Files.writeString(root.resolve("etc/motd"), "changed by hand\n");
    assertThat(run("file.managed", params).message()).startsWith("drift: ");
    assertThat(Files.readString(root.resolve("etc/motd"))).isEqualTo("changed by hand\n");
  }

  @Test
  void fileAbsentFailsWhileTheFileIsThere() throws Exception {
    Files.writeString(root.resolve("stray"), "x");
    CheckResult r = run("file.absent", "{'path':'/stray'}");
    assertThat(r.passed()).isFalse();
    assertThat(r.message()).startsWith("drift: ");
    assertThat(root.resolve("stray")).exists();
  }

  @Test
  void cmdRunPassesOnExitZeroInsideTheRoot() throws Exception {
    String params = "{'cmd':'test -f \\\"$EDEN_ROOT/etc/motd\\\"'}";
    CheckResult missing = run("cmd.run", params);
    assertThat(missing).isEqualTo(CheckResult.fail("exit code 1"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/motd"), "hi");
    assertThat(run("cmd.run", params)).isEqualTo(CheckResult.pass("exit code 0"));
  }

  @Test
  void cmdRunFailureCarriesTheExitCodeAndTheLastOutput() throws Exception {
    CheckResult r = run("cmd.run", "{'cmd':'echo checking; echo disk full >&2; exit 3'}");
    assertThat(r.passed()).isFalse();
    assertThat(r.message()).isEqualTo("exit code 3: disk full");
  }

  @Test
  void cmdRunIsKilledAfterItsTimeout() throws Exception {
    CheckResult r = run("cmd.run", "{'cmd':'sleep 30','timeout':'200ms'}");
    assertThat(r.passed()).isFalse();
    assertThat(r.message()).contains("timed out");
  }

  @Test
  void cmdRunWithoutTimeoutIsKilledAfterTheInterval() throws Exception {
    CheckResult r = check.run(beacon("ops/slow", 300, "cmd.run", "{'cmd':'sleep 30'}"));
    assertThat(r.passed()).isFalse();
    assertThat(r.message()).contains("timed out");
  }

  @Test
  void expressionPassesWhenItDescribesTheNode() throws Exception {
    facts.set(
        Struct.newBuilder()
            .putFields("memoryMb", Value.newBuilder().setNumberValue(256).build())
            .build());
    String params = "{'expression':'facts.memoryMb >= 512 && node.labels.tier == \\'web\\''}";
    CheckResult low = run("expression", params);
    assertThat(low.passed()).isFalse();
    assertThat(low.message()).endsWith(" is false");

    facts.set(
        Struct.newBuilder()
            .putFields("memoryMb", Value.newBuilder().setNumberValue(2048).build())
            .build());
    assertThat(run("expression", params).passed()).isTrue();
  }

  @Test
  void badInputFailsTheCheckWithAMessageNamingIt() throws Exception {
    assertThat(run("expression", "{'expression':'facts.memoryMb >='}").message())
        .startsWith("expression: invalid condition 'facts.memoryMb >='");
    assertThat(run("expression", "{'expr':'true'}").message())
        .startsWith("expression: unknown parameter 'expr'");
    assertThat(run("http.get", "{'url':'ftp://example.org/'}").message())
        .isEqualTo("http.get: parameter 'url' must be an http:// or https:// URL");
    assertThat(run("http.get", "{'url':'http://127.0.0.1/','status':'ok'}").message())
        .isEqualTo(
            "http.get: parameter 'status' must be an HTTP status between 100 and 599, not 'ok'");
    assertThat(run("no.such", "{}")).isEqualTo(CheckResult.fail("unknown action 'no.such'"));
  }

  @Test
  void httpGetComparesTheStatus() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/health") ? 200 : 503, -1);
          ex.close();
        });
    server.start();
    try {
      String base = "http://user:secret@127.0.0.1:" + server.getAddress().getPort();
      String shown = "GET http://127.0.0.1:" + server.getAddress().getPort();
      assertThat(run("http.get", "{'url':'" + base + "/health?token=x'}"))
          .isEqualTo(CheckResult.pass(shown + "/health: 200"));
      assertThat(run("http.get", "{'url':'" + base + "/down'}"))
          .isEqualTo(CheckResult.fail(shown + "/down: 503, expected 200"));
      assertThat(run("http.get", "{'url':'" + base + "/down','status':503}").passed()).isTrue();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void httpGetFailsWhenNothingListens() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    CheckResult r = run("http.get", "{'url':'http://127.0.0.1:" + port + "/','timeout':'2s'}");
    assertThat(r)
        .isEqualTo(CheckResult.fail("GET http://127.0.0.1:" + port + "/: connection refused"));
  }
}
