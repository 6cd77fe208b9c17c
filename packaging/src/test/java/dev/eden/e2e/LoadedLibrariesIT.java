package dev.eden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each one-shot command loads, from the JVM's own class-load log of the real launcher ({@code
 * bin/eden} of the distribution, {@code EDEN_JAVA_OPTS=-Xlog:class+load}): a command initialises no
 * library it does not use. {@code apply} remembers its runs in SQLite, so SQLite is the one of
 * these it loads.
 */
class LoadedLibrariesIT {

  /** Package prefixes of the libraries that only daemons, conditions or the server need. */
  private static final Map<String, String> SERVER_SIDE =
      Map.of(
          "gRPC", "io.grpc.",
          "Netty", "io.grpc.netty.shaded.io.netty.",
          "CEL", "dev.cel.",
          "Quartz", "org.quartz.",
          "BouncyCastle", "org.bouncycastle.");

  private static final String SQLITE = "org.sqlite.";

  @TempDir Path work;

  @Test
  void applyLoadsNoServerSideLibrary() throws Exception {
    Path repo = repository();
    List<String> loaded =
        loaded(
            "apply",
            "--repo",
            repo.toString(),
            "--node",
            "bench",
            "--root",
            work.resolve("root").toString(),
            "--data-dir",
            work.resolve("data").toString());
    assertThat(Files.readString(work.resolve("root/srv/app/f0.conf"))).contains("port=8001");
    assertNone(loaded, SERVER_SIDE);
    assertThat(loaded).anyMatch(c -> c.startsWith(SQLITE)); // its run is remembered
  }

  @Test
  void validateAndPlanLoadNeitherServerSideLibrariesNorSqlite() throws Exception {
    Path repo = repository();
    List<String> validate = loaded("validate", repo.toString());
    List<String> plan = loaded("plan", "--repo", repo.toString(), "--node", "bench");
    for (List<String> loaded : List.of(validate, plan)) {
      assertNone(loaded, SERVER_SIDE);
      assertThat(loaded).noneMatch(c -> c.startsWith(SQLITE));
    }
  }

  @Test
  void versionBuildsNoCommandModel() throws Exception {
    List<String> loaded = loaded("--version");
    assertNone(loaded, SERVER_SIDE);
    assertThat(loaded).noneMatch(c -> c.startsWith("picocli.") || c.startsWith(SQLITE));
  }

  private static void assertNone(List<String> loaded, Map<String, String> libraries) {
    libraries.forEach(
        (library, prefix) ->
            assertThat(loaded.stream().filter(c -> c.startsWith(prefix)).limit(5))
                .as(library + " classes loaded")
                .isEmpty());
  }

  /** Runs bin/eden ARGS with a class-load log; the names of the classes it loaded. */
  private List<String> loaded(String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile(work, "classes", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("eden.dist"), "bin", "eden").toString());
    command.addAll(List.of(args));
    LauncherIT.Run run =
        LauncherIT.run(
            command,
            Map.of("EDEN_JAVA_OPTS", "-Xlog:class+load=info:file=" + log, "EDEN_CDS", "off"),
            work);
    assertThat(run.code()).as(String.join(" ", args) + ": " + run.err()).isZero();
    List<String> classes = new ArrayList<>();
    try (Stream<String> lines = Files.lines(log)) {
      lines
          .filter(l -> l.contains(" source: "))
          .forEach(l -> classes.add(l.substring(l.indexOf("] ") + 2, l.indexOf(" source: "))));
    }
    assertThat(classes).as("class-load log of " + String.join(" ", args)).hasSizeGreaterThan(100);
    return classes;
  }

  /** A small repository in the peers benchmark's shape: directories, templated files, commands. */
  private Path repository() throws IOException {
    Path repo = Files.createDirectories(work.resolve("repo"));
    Files.writeString(
        repo.resolve("nodes.yaml"),
        """
        apiVersion: v1alpha
        kind: Node
        metadata: {name: bench, labels: {role: bench}}
        spec: {}
        ---
        apiVersion: v1alpha
        kind: NodeGroup
        metadata: {name: bench}
        spec: {nodes: [bench]}
        """);
    Files.createDirectories(repo.resolve("app/templates"));
    Files.writeString(
        repo.resolve("app/templates/app.conf.hbs"),
        """
        # {{item.file}}
        {{#each vars.backends}}
        server {{label}} port={{port}}
        {{/each}}
        """);
    Files.writeString(
        repo.resolve("app/app.yaml"),
        """
        apiVersion: v1alpha
        kind: TaskBook
        metadata: {name: app, namespace: app}
        spec:
          targets: {nodeGroups: [bench]}
          vars:
            dirs: [srv, srv/app]
            files: [{file: f0.conf}, {file: f1.conf}]
            markers: [m0]
            backends: [{label: a, port: 8000}, {label: b, port: 8001}]
          steps:
            - name: directories
              action: directory
              forEach: vars.dirs
              parameters: {path: "/{{item}}", mode: "0755"}
            - name: files
              action: file.managed
              forEach: vars.files
              parameters: {path: "/srv/app/{{item.file}}", template: templates/app.conf.hbs}
            - name: markers
              action: cmd.run
              forEach: vars.markers
              parameters:
                cmd: "sh -c 'echo done > {{item}}'"
                cwd: /srv/app
                creates: "/srv/app/{{item}}"
        """);
    return repo;
  }
}
