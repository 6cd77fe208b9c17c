package dev.eden.cli;

import dev.eden.common.pem.Pem;
import dev.eden.proto.CreateUserRequest;
import dev.eden.proto.CreateUserResponse;
import dev.eden.proto.TrustAdminServiceGrpc;
import dev.eden.reconciler.trust.AdminConfig;
import dev.eden.reconciler.trust.PrivateFiles;
import dev.eden.reconciler.trust.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eden config create-user NAME --role viewer|operator|admin}: a client config for NAME. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Client configurations.",
    subcommands = {ConfigCommand.CreateUser.class})
final class ConfigCommand {

  /** Makes a key pair here, has the reconciler sign it with a role, writes a 0600 config. */
  @Command(
      name = "create-user",
      mixinStandardHelpOptions = true,
      description = "Write a client configuration for a new user with a role (admins only).")
  static final class CreateUser implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientConfigOptions client;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--role", required = true, description = "viewer, operator or admin.")
    String role;

    @Option(
        names = {"-o", "--out"},
        paramLabel = "FILE",
        description = "Where to write it (default: ./NAME.conf); mode 0600.")
    Path out;

    @Override
    public Integer call() {
      Role parsed;
      try {
        parsed = Role.parse(role.toLowerCase(Locale.ROOT));
      } catch (RuntimeException e) {
        spec.commandLine().getErr().println("eden config create-user: " + e.getMessage());
        return Eden.EXIT_USAGE;
      }
      Path file = out != null ? out : Path.of(name + ".conf");
      if (Files.exists(file)) {
        spec.commandLine().getErr().println("eden config create-user: " + file + " exists");
        return 1;
      }
      return TokenCommand.TrustCommands.run(
          spec,
          "eden config create-user",
          client,
          c -> {
            KeyPair pair = Pem.newKeyPair();
            CreateUserResponse r =
                TrustAdminServiceGrpc.newBlockingStub(c)
                    .withDeadlineAfter(15, TimeUnit.SECONDS)
                    .createUser(
                        CreateUserRequest.newBuilder()
                            .setName(name)
                            .setRole(parsed.wireName())
                            .setCsrPem(Pem.certificateRequest(pair, name))
                            .build());
            String server =
                client.server != null ? client.server.toString() : client.load().server();
            AdminConfig config =
                new AdminConfig(
                    server,
                    name,
                    parsed,
                    r.getCaPem(),
                    r.getCertificateChainPem(),
                    Pem.encode(pair.getPrivate()));
            PrivateFiles.write(file, config.toYaml());
            spec.commandLine()
                .getOut()
                .println("wrote " + file + " for user " + name + " (" + parsed.wireName() + ")");
          });
    }
  }
}
