package dev.eden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class SubcommandsTest {

  @Test
  void everyNameIsTheNameItsCommandDeclares() {
    for (Map.Entry<String, Class<?>> e : Subcommands.all().entrySet()) {
      Command command = e.getValue().getAnnotation(Command.class);
      assertThat(command).as(e.getValue().getName()).isNotNull();
      assertThat(command.name()).as(e.getValue().getName()).isEqualTo(e.getKey());
    }
  }

  @Test
  void aNamedSubcommandIsTheOnlyOneBuilt() {
    CommandLine cli = Eden.commandLine("apply", "--repo", "r", "--node", "n");
    assertThat(cli.getSubcommands()).containsOnlyKeys("apply");
  }

  @Test
  void optionsBeforeTheNameDoNotHideIt() {
    assertThat(Eden.commandLine("-h", "validate").getSubcommands()).containsOnlyKeys("validate");
  }

  @Test
  void versionAloneBuildsNoSubcommand() {
    assertThat(Eden.commandLine("--version").getSubcommands()).isEmpty();
    assertThat(CliRun.eden("--version").out()).startsWith("eden ");
  }

  @Test
  void helpUsageAndUnknownNamesSeeEverySubcommand() {
    for (String[] args :
        new String[][] {{}, {"help"}, {"help", "apply"}, {"--help"}, {"aply"}, {"-V", "-h"}}) {
      assertThat(Eden.commandLine(args).getSubcommands().keySet())
          .as(String.join(" ", args))
          .containsExactlyElementsOf(Subcommands.all().keySet());
    }
  }

  @Test
  void helpListsEveryVisibleSubcommandAsBefore() {
    CliRun help = CliRun.eden("help");
    assertThat(help.code()).isZero();
    for (String name : Subcommands.all().keySet()) {
      if (!name.equals("cds-training")) {
        assertThat(help.out()).contains("  " + name);
      }
    }
    assertThat(help.out()).doesNotContain("cds-training");
  }

  @Test
  void aMisspelledSubcommandIsAUsageError() {
    CliRun run = CliRun.eden("aply");
    assertThat(run.code()).isEqualTo(Eden.EXIT_USAGE);
    assertThat(run.err()).contains("'aply'");
  }
}
