package dev.eden.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Hidden: the work the build runs once, under {@code -XX:ArchiveClassesAtExit}, to make the
 * class-data-sharing archive — a masterless apply of a sample repository into a throw-away root,
 * which loads what {@code validate}, {@code plan}, {@code apply} and the agent load.
 */
@Command(name = "cds-training", hidden = true)
final class CdsTrainingCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "A repository to compile (the sample repository).")
  Path repo;

  @Override
  public Integer call() throws IOException {
    Path work = Files.createTempDirectory("eden-cds-");
    try {
      CommandLine quiet = Eden.commandLine();
      quiet.setOut(new PrintWriter(new StringWriter()));
      quiet.setErr(new PrintWriter(new StringWriter()));
      return quiet.execute(
          "apply",
          "--repo",
          repo.toString(),
          "--node",
          "web-1",
          "--labels",
          "tier=web,env=demo",
          "--root",
          work.resolve("root").toString(),
          "--data-dir",
          work.resolve("data").toString());
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
