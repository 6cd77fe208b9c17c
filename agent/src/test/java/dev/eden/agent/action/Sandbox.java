package dev.eden.agent.action;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.eden.agent.fs.RootFs;
import dev.eden.agent.proc.CommandRunner;
import dev.eden.agent.proc.ProcessRunner;
import java.nio.file.Path;
import java.util.Set;

/** A root folder with an invoker: actions as tests call them. */
final class Sandbox {
  final RootFs fs;
  final Invoker invoker = new Invoker(Actions.standard());
  CommandRunner runner = new ProcessRunner();
  Struct facts = Struct.getDefaultInstance();
  Set<String> changed = Set.of();

  Sandbox(Path root) {
    this.fs = RootFs.at(root);
  }

  Outcome apply(String action, String paramsJson) {
    return run(action, paramsJson, false);
  }

  Outcome dryRun(String action, String paramsJson) {
    return run(action, paramsJson, true);
  }

  Outcome run(String action, String paramsJson, boolean dry) {
    var ctx = new ActionContext(fs, dry, runner, facts, changed::contains, false);
    return invoker.invoke(action, struct(paramsJson), ctx);
  }

  static Struct struct(String json) {
    Struct.Builder b = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json.replace('\'', '"'), b);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(json, e);
    }
    return b.build();
  }

  static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }
}
