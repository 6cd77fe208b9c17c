package dev.eden.cli;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import dev.eden.common.WireJson;
import dev.eden.proto.Origin;
import dev.eden.reconciler.dispatch.Origins;
import java.util.Map;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * {@code -o json|yaml} for every command that prints machine output. A class of its own, apart from
 * {@code eden get}'s client code, so that {@code eden plan} loads no gRPC class to print.
 */
final class MachineOutput {

  private MachineOutput() {}

  /**
   * The JSON of {@code -o json} (and of the YAML made from it): JsonFormat's, with every enum value
   * and every origin as the text it was when the field was a string ({@code "state": "Ready"},
   * {@code "origin": "user:alice"}).
   */
  static String json(Message answer) {
    return WireJson.print(answer, TEXTS);
  }

  private static final Map<Descriptor, Function<Message, String>> TEXTS =
      Map.of(Origin.getDescriptor(), o -> Origins.text((Origin) o));

  /** The same data as the JSON output, as YAML (JSON is YAML, so it is loaded and re-dumped). */
  static String yaml(String json) {
    Object data = new Load(LoadSettings.builder().build()).loadFromString(json);
    return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
        .dumpToString(data);
  }
}
