package dev.eden.schema.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleRepoTest {

  static final Path SAMPLE_REPO = Path.of("src", "test", "resources", "repos", "all-kinds");

  @Test
  void theDemoSampleRepositoryLoadsWithoutErrors() {
    LoadResult result = ManifestLoader.load(SourceTree.ofDirectory(Path.of("..", "sample-repo")));

    assertThat(result.errors()).isEmpty();
    assertThat(result.objects()).hasSizeGreaterThan(10);
  }

  @Test
  void sampleRepoLoadsWithoutErrors() {
    LoadResult result = ManifestLoader.load(SourceTree.ofDirectory(SAMPLE_REPO));

    assertThat(result.errors()).isEmpty();
    Set<Kind> kinds = result.objects().stream().map(Manifest::kind).collect(Collectors.toSet());
    assertThat(kinds).isEqualTo(EnumSet.allOf(Kind.class));
  }

  @Test
  void sampleTaskBookBindsStepsWithDefaultsAndPositions() {
    LoadResult result = ManifestLoader.load(SourceTree.ofDirectory(SAMPLE_REPO));
    Manifest web =
        result.objects().stream()
            .filter(m -> m.kind() == Kind.TASK_BOOK && m.metadata().name().equals("web"))
            .findFirst()
            .orElseThrow();

    Spec.TaskBookSpec spec = web.spec(Spec.TaskBookSpec.class);
    assertThat(spec.mode()).isEqualTo(Spec.Mode.CONVERGE);
    assertThat(spec.approval()).isEqualTo(Spec.Approval.AUTO);
    assertThat(spec.targets().nodeGroups()).containsExactly("web");
    assertThat(spec.steps())
        .extracting(Spec.Step::name)
        .containsExactly("nginx package", "app config", "nginx running");
    Spec.Step config = spec.steps().get(1);
    assertThat(config.forEach().orElseThrow().text()).isEqualTo("vars.apps");
    assertThat(config.requires()).containsExactly("nginx package");
    assertThat(config.pos().toString()).isEqualTo("web/web.yaml:28:7");
    assertThat(config.parameters().get("path").pos().toString()).isEqualTo("web/web.yaml:33:15");
    assertThat(spec.steps().get(2).runOptions().serializeCount()).contains(1);
    assertThat(web.metadata().namespace()).contains("prod");
    assertThat(web.pos().toString()).isEqualTo("web/web.yaml:14:1");
  }
}
