package dev.eden.cli;

import com.google.protobuf.ByteString;
import dev.eden.proto.BundleServiceGrpc;
import dev.eden.proto.ImportBundleRequest;
import dev.eden.proto.ImportBundleResponse;
import dev.eden.reconciler.bundle.BundleFile;
import dev.eden.reconciler.bundle.BundleRefused;
import dev.eden.reconciler.bundle.SshSignatures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eden bundle create|import}: desired state carried to a site with no network path, as a
 * bundle file (a zip of a signed manifest and a Git bundle) imported by a hosted reconciler.
 */
@Command(
    name = "bundle",
    mixinStandardHelpOptions = true,
    description = "Offline bundles for air-gapped sites.",
    subcommands = {BundleCommand.Create.class, BundleCommand.Import.class})
final class BundleCommand {

  /**
   * {@code eden bundle create --repo PATH [--ref main] [--since REV] --out FILE [--sign-key K]}.
   */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Write a bundle file of a branch (only the commits after --since when given).")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--repo",
        required = true,
        paramLabel = "PATH",
        description = "The Git repository.")
    Path repo;

    @Option(names = "--ref", defaultValue = "main", description = "The branch (default: main).")
    String ref;

    @Option(
        names = "--since",
        paramLabel = "REV",
        description = "A commit the site already has (what it serves): only later commits go in.")
    String since;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The bundle file.")
    Path out;

    @Option(
        names = "--sign-key",
        paramLabel = "SSH_KEY",
        description = "Sign the manifest with this SSH private key (ssh-keygen -Y sign).")
    Path signKey;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      try (Repository r = open(repo)) {
        BundleFile file = BundleFile.create(r, ref, Optional.ofNullable(since), Instant.now());
        if (signKey != null) {
          file = file.withSignature(SshSignatures.sign(signKey, file.manifestBytes()));
        }
        Files.write(out, file.bytes());
        spec.commandLine()
            .getOut()
            .printf(
                "wrote %s: %s at %s%s, %d bytes%n",
                out,
                file.manifest().ref(),
                file.manifest().tip(),
                since == null ? "" : " (after " + since + ")",
                Files.size(out));
        err.println(signKey == null ? "the manifest is unsigned" : "signed with " + signKey);
        return 0;
      } catch (BundleRefused e) {
        err.println("eden bundle create: " + e.getMessage());
        return 1;
      } catch (IOException e) {
        err.println("eden bundle create: " + e.getMessage());
        return 1;
      }
    }

    private static Repository open(Path path) throws IOException {
      FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment();
      Path dotGit = path.resolve(".git");
      b.setGitDir((Files.isDirectory(dotGit) ? dotGit : path).toFile()).setMustExist(true);
      return b.build();
    }
  }

  /** {@code eden bundle import FILE [--config FILE | --server HOST:PORT]}: operator role. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Send a bundle file to a hosted reconciler, which validates its tip as a push and rolls"
              + " it out.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ServerOptions connection;

    @Parameters(paramLabel = "FILE", description = "What eden bundle create wrote.")
    Path file;

    @Override
    public Integer call() {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        spec.commandLine().getErr().println("eden bundle import: cannot read " + file + ": " + e);
        return Eden.EXIT_USAGE;
      }
      return connection.call(
          "eden bundle import",
          spec.commandLine().getErr(),
          channel -> {
            ImportBundleResponse answer =
                BundleServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.MINUTES)
                    .importBundle(
                        ImportBundleRequest.newBuilder()
                            .setName(String.valueOf(file.getFileName()))
                            .setFile(ByteString.copyFrom(bytes))
                            .build());
            return report(answer);
          });
    }

    private int report(ImportBundleResponse answer) {
      if (!answer.getErrorsList().isEmpty()) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("eden bundle import: " + answer.getSummary());
        answer.getErrorsList().forEach(err::println);
        return 1;
      }
      spec.commandLine().getOut().println(answer.getSummary());
      return 0;
    }
  }
}
