package dev.eden.cli;

import com.google.protobuf.Struct;
import dev.eden.common.proto.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Facts of nodes written down as files (YAML or JSON mappings), as an agent would report them. */
final class FactsFiles {

  private FactsFiles() {}

  /**
   * The facts in one file.
   *
   * @throws IOException when it cannot be read, or is not a mapping (the message names the file)
   */
  static Struct read(Path file) throws IOException {
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    } catch (YamlEngineException e) {
      throw new IOException(file + ": not YAML: " + e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?>)) {
      throw new IOException(file + ": facts must be a mapping");
    }
    return Values.struct((Map<?, ?>) doc);
  }

  /**
   * Every {@code <node>.yaml} (or {@code .yml}, {@code .json}) of {@code dir}: node name → facts.
   *
   * @throws IOException when the folder or a file cannot be read
   */
  static Map<String, Struct> readDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + " is not a folder: give --facts-dir a folder of <node>.yaml");
    }
    Map<String, Struct> facts = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      int dot = name.lastIndexOf('.');
      String ext = dot < 0 ? "" : name.substring(dot + 1);
      if (ext.equals("yaml") || ext.equals("yml") || ext.equals("json")) {
        facts.put(name.substring(0, dot), read(f));
      }
    }
    return facts;
  }
}
