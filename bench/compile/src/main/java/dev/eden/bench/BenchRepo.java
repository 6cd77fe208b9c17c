package dev.eden.bench;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.schema.load.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Generates the benchmark's repository (YAML text, in memory) and its nodes. */
final class BenchRepo {

  static final String[] TIERS = {"web", "db", "cache", "worker", "lb"};
  static final int STEPS = 50;

  private BenchRepo() {}

  static String tierOf(int i) {
    int p = i % 100;
    return p < 30 ? "web" : p < 40 ? "db" : p < 50 ? "cache" : p < 99 ? "worker" : "lb";
  }

  static List<NodeInput> nodes(int count) {
    List<NodeInput> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Map<String, String> labels =
          Map.of(
              "tier",
              tierOf(i),
              "env",
              i % 10 == 0 ? "staging" : "prod",
              "rack",
              "r" + (i / 100),
              "zone",
              "z" + (i % 3));
      out.add(new NodeInput(String.format("node-%05d", i), labels, facts(i)));
    }
    return out;
  }

  private static Struct facts(int i) {
    ListValue.Builder disks = ListValue.newBuilder();
    for (String d : List.of("sda", "sdb")) {
      disks.addValues(str(d));
    }
    Struct os =
        Struct.newBuilder()
            .putFields("family", str("debian"))
            .putFields("release", str("12"))
            .build();
    return Struct.newBuilder()
        .putFields("hostname", str(String.format("node-%05d.example", i)))
        .putFields("ipv4", str("10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256)))
        .putFields("cpus", Value.newBuilder().setNumberValue(2 + i % 8).build())
        .putFields("memoryMb", Value.newBuilder().setNumberValue(4096).build())
        .putFields("os", Value.newBuilder().setStructValue(os).build())
        .putFields("disks", Value.newBuilder().setListValue(disks).build())
        .build();
  }

  private static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  /** The repository's files; {@code rack42Port} is the value the incremental run changes. */
  static Map<String, String> files(int rack42Port) {
    Map<String, String> files = new TreeMap<>();
    files.put("cluster/vars.yaml", clusterVars());
    files.put("cluster/groups.yaml", groups());
    files.put("prod/racks.yaml", racks(rack42Port));
    files.put("templates/app.conf.hbs", APP_TEMPLATE);
    files.put("templates/haproxy.cfg.hbs", HAPROXY_TEMPLATE);
    files.put("prod/base.yaml", taskBook("base", "selector: \"env\"", "base"));
    for (String tier : TIERS) {
      files.put("prod/" + tier + ".yaml", taskBook(tier, "nodeGroups: [" + tier + "]", tier));
    }
    return files;
  }

  private static String clusterVars() {
    return """
        apiVersion: v1alpha
        kind: ClusterVariable
        metadata: {name: defaults}
        spec:
          values:
            port: 8080
            ntp: [ntp1.example, ntp2.example, ntp3.example]
            dns: {search: example, servers: [10.0.0.2, 10.0.0.3]}
            apps:
              - {name: shop, port: 8081}
              - {name: blog, port: 8082}
              - {name: wiki, port: 8083}
        """;
  }

  private static String groups() {
    StringBuilder b = new StringBuilder();
    for (String tier : TIERS) {
      b.append(
          """
          apiVersion: v1alpha
          kind: NodeGroup
          metadata: {name: %s}
          spec:
            selector: "tier=%s"
            vars: {role: %s}
          ---
          """
              .formatted(tier, tier, tier));
    }
    return b.toString();
  }

  private static String racks(int rack42Port) {
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < 100; r++) {
      b.append(
          """
          apiVersion: v1alpha
          kind: Variable
          metadata: {name: rack-%d, namespace: prod}
          spec:
            selector: "rack=r%d"
            values: {rack_port: %d, dns: {servers: [10.%d.0.2]}}
          ---
          """
              .formatted(r, r, r == 42 ? rack42Port : 9000 + r, r));
    }
    return b.toString();
  }

  private static String taskBook(String name, String targets, String tier) {
    StringBuilder b =
        new StringBuilder(
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: %s, namespace: prod}
            spec:
              targets: {%s}
              vars: {book: %s}
              steps:
            """
                .formatted(name, targets, name));
    for (int s = 0; s < STEPS; s++) {
      b.append(step(tier, s));
    }
    return b.toString();
  }

  private static String step(String tier, int s) {
    String name = "    - name: step " + s + "\n";
    return switch (s % 10) {
      case 0 -> name + "      action: pkg.installed\n      parameters: {name: pkg-" + s + "}\n";
      case 1 ->
          name
              + "      action: file.managed\n      parameters:\n        path: /etc/"
              + tier
              + "/"
              + s
              + ".conf\n"
              + "        content: \"host={{node.name}} ip={{facts.ipv4}} port={{vars.rack_port}}\"\n";
      case 2 ->
          name
              + "      action: file.managed\n      parameters:\n        path: /etc/resolv-"
              + s
              + "\n        content: \"{{#each vars.dns.servers}}nameserver {{this}}\\n{{/each}}"
              + "search {{vars.dns.search}}\"\n";
      case 3 ->
          name
              + "      action: file.managed\n      forEach: vars.apps\n      parameters:\n"
              + "        path: \"/etc/app/{{item.name}}-"
              + s
              + ".conf\"\n"
              + "        template: ../templates/app.conf.hbs\n";
      case 4 ->
          tier.equals("lb") && s == 4
              ? name
                  + "      action: file.managed\n      parameters:\n        path: /etc/haproxy.cfg\n"
                  + "        template: ../templates/haproxy.cfg.hbs\n"
              : name
                  + "      action: cmd.run\n      requires: [step "
                  + (s - 1)
                  + "]\n"
                  + "      parameters: {cmd: \"systemctl reload {{vars.role}}-"
                  + s
                  + "\"}\n";
      case 5 ->
          name
              + "      action: file.managed\n      parameters:\n        path: /etc/ntp-"
              + s
              + "\n"
              + "        content: \"{{#each vars.ntp}}server {{this}} iburst\\n{{/each}}\"\n";
      default ->
          name
              + "      action: cmd.run\n      parameters: {cmd: \"echo "
              + tier
              + " "
              + s
              + " on {{node.labels.zone}} cpus={{facts.cpus}}\", creates: /var/lib/m-"
              + s
              + "}\n";
    };
  }

  private static final String APP_TEMPLATE =
      """
      # {{item.name}} on {{node.name}} ({{facts.os.family}} {{facts.os.release}})
      listen {{item.port}}
      {{#each facts.disks}}
      disk /dev/{{this}}
      {{/each}}
      {{#if vars.book}}book {{vars.book}}{{/if}}
      """;

  private static final String HAPROXY_TEMPLATE =
      """
      frontend http
          bind *:80
          default_backend web
      backend web
      {{#each (nodes "tier=web")}}
          server {{name}} {{facts.ipv4}}:{{../vars.port}} check
      {{/each}}
      """;

  /** A source tree over files in memory. */
  static SourceTree tree(Map<String, String> files) {
    return new SourceTree() {
      @Override
      public List<String> paths() {
        return List.copyOf(files.keySet());
      }

      @Override
      public byte[] read(String path) throws IOException {
        String text = files.get(path);
        if (text == null) {
          throw new NoSuchFileException(path);
        }
        return text.getBytes(StandardCharsets.UTF_8);
      }
    };
  }
}
