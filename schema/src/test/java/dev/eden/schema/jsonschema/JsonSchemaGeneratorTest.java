package dev.eden.schema.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import dev.eden.schema.model.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class JsonSchemaGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonSchema schema() {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
        .getSchema(JsonSchemaGenerator.generateJson());
  }

  private static List<Object> documents(String yaml) {
    List<Object> docs = new ArrayList<>();
    new Load(LoadSettings.builder().build()).loadAllFromString(yaml).forEach(docs::add);
    return docs;
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"../sample-repo", "src/test/resources/repos/all-kinds"})
  void everyDocumentOfARepositoryValidatesAgainstTheSchema(String repo) throws IOException {
    Path root = Path.of(repo);
    JsonSchema schema = schema();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (String path : SourceTree.ofDirectory(root).paths()) {
      if (!ManifestLoader.isManifest(path)) {
        continue;
      }
      String yaml = Files.readString(root.resolve(path), StandardCharsets.UTF_8);
      for (Object doc : documents(yaml)) {
        checked++;
        for (ValidationMessage m : schema.validate(JSON.valueToTree(doc))) {
          problems.add(path + ": " + m.getMessage());
        }
      }
    }
    LoadResult loaded = ManifestLoader.load(SourceTree.ofDirectory(root));
    assertThat(checked).isEqualTo(loaded.objects().size());
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDocuments")
  void schemaRejectsWhatValidateRejects(String yaml) {
    JsonNode doc = JSON.valueToTree(documents(yaml).get(0));
    Set<ValidationMessage> messages = schema().validate(doc);
    assertThat(messages).isNotEmpty();
  }

  static Stream<Arguments> badDocuments() {
    String head = "apiVersion: v1alpha\n";
    return Stream.of(
        named("unknownKind", head + "kind: TaskBok\nmetadata: {name: a}\nspec: {}\n"),
        named("unknownSpecField", head + "kind: NodeGroup\nmetadata: {name: a}\nspec: {x: 1}\n"),
        named(
            "globalKindWithNamespace",
            head + "kind: NodeGroup\nmetadata: {name: a, namespace: p}\nspec: {nodes: [a]}\n"),
        named(
            "namespacedKindWithoutNamespace",
            head + "kind: Variable\nmetadata: {name: a}\nspec: {values: {}}\n"),
        named("nodeGroupWithNothing", head + "kind: NodeGroup\nmetadata: {name: a}\nspec: {}\n"),
        named(
            "badMode",
            head
                + "kind: TaskBook\nmetadata: {name: a, namespace: p}\n"
                + "spec: {mode: fast, steps: []}\n"),
        named(
            "badDuration",
            head
                + "kind: Trigger\nmetadata: {name: a, namespace: p}\n"
                + "spec: {match: {}, window: soon, run: {taskBook: t}}\n"),
        named(
            "unknownActionParameter",
            head
                + "kind: TaskBook\nmetadata: {name: a, namespace: p}\nspec:\n  steps:\n"
                + "    - {name: s, action: file.absent, parameters: {pth: /x}}\n"),
        named(
            "fileManagedWithTwoSources",
            head
                + "kind: TaskBook\nmetadata: {name: a, namespace: p}\nspec:\n  steps:\n"
                + "    - {name: s, action: file.managed, parameters: {path: /x, content: a,"
                + " source: b}}\n"),
        named(
            "cronJobWithTaskBookAndTaskBooks",
            head
                + "kind: CronJob\nmetadata: {name: a, namespace: p}\n"
                + "spec: {schedule: \"0 3 * * *\", taskBook: t, taskBooks: [t]}\n"),
        named(
            "cronJobWithNoTaskBook",
            head
                + "kind: CronJob\nmetadata: {name: a, namespace: p}\n"
                + "spec: {schedule: \"0 3 * * *\"}\n"),
        named(
            "serializeCountZero",
            head
                + "kind: TaskBook\nmetadata: {name: a, namespace: p}\nspec:\n  steps:\n"
                + "    - {name: s, action: cmd.run, parameters: {cmd: x},"
                + " runOptions: {serialize: {count: 0}}}\n"));
  }

  private static Arguments named(String name, String yaml) {
    return Arguments.of(Named.of(name, yaml));
  }

  @Test
  void describesEveryKindAndAction() {
    Map<String, Object> schema = JsonSchemaGenerator.generate();
    String json = JsonSchemaGenerator.generateJson();
    for (Kind kind : Kind.values()) {
      assertThat(json).contains("\"const\": \"" + kind.wireName() + "\"");
    }
    assertThat(json).contains("\"const\": \"file.managed\"", "\"const\": \"service.stopped\"");
    assertThat(schema).containsKeys("$schema", "definitions", "allOf");
  }

  @Test
  void generatesTheSameTextEveryTime() {
    assertThat(JsonSchemaGenerator.generateJson()).isEqualTo(JsonSchemaGenerator.generateJson());
  }

  @Test
  void buildWritesTheSchemaBesideTheClasses() throws IOException {
    Path written = Path.of("target", "classes", "eden.schema.json");
    assertThat(written).exists();
    assertThat(Files.readString(written)).isEqualTo(JsonSchemaGenerator.generateJson());
  }
}
