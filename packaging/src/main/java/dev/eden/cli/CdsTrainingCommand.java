package dev.eden.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Hidden: the work the build runs once, under {@code -XX:ArchiveClassesAtExit}, to make the
 * class-data-sharing archive (and the runtime image's archive of JDK classes) — the common commands
 * on a sample repository, in one process: {@code validate}, {@code plan}, a masterless {@code
 * apply} into a throw-away root (twice: a first run and a no-op), and every command's help, which
 * loads what picocli needs for any command line.
 */
@Command(name = "cds-training", hidden = true)
final class CdsTrainingCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "A repository to compile (the sample repository).")
  Path repo;

  @Override
  public Integer call() throws IOException {
    Path work = Files.createTempDirectory("eden-cds-");
    try {
      int worst = 0;
      for (List<String> args : commands(work)) {
        worst = Math.max(worst, quietly(args.toArray(String[]::new)));
      }
      return worst;
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private List<List<String>> commands(Path work) {
    String repository = repo.toString();
    List<String> apply =
        List.of(
            "apply",
            "--repo",
            repository,
            "--node",
            "web-1",
            "--labels",
            "tier=web,env=demo",
            "--root",
            work.resolve("root").toString(),
            "--data-dir",
            work.resolve("data").toString());
    List<List<String>> commands = new ArrayList<>();
    commands.add(List.of("validate", repository));
    commands.add(List.of("plan", "--repo", repository, "--node", "web-1", "-o", "json"));
    commands.add(apply);
    commands.add(apply);
    commands.add(List.of("--help"));
    Subcommands.all().keySet().forEach(name -> commands.add(List.of(name, "--help")));
    return commands;
  }

  private static int quietly(String... args) {
    CommandLine quiet = Eden.commandLine(args);
    quiet.setOut(new PrintWriter(new StringWriter()));
    quiet.setErr(new PrintWriter(new StringWriter()));
    return quiet.execute(args);
  }
}
