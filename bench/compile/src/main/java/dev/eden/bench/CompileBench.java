package dev.eden.bench;

import dev.eden.proto.NodePlan;
import dev.eden.reconciler.compile.CompileResult;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.IncrementalCompiler;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.reconciler.compile.Revision;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints the compiler's figures on a generated 10,000-node fleet. See README.md. */
public final class CompileBench {

  private static final int NODES = 10_000;
  private static final int RUNS = 3;

  private CompileBench() {}

  public static void main(String[] args) {
    int nodeCount = args.length > 0 ? Integer.parseInt(args[0]) : NODES;
    List<NodeInput> nodes = BenchRepo.nodes(nodeCount);
    long t0 = System.nanoTime();
    Revision base = load("main@sha1:base", BenchRepo.files(9042));
    double loadMs = ms(t0);
    Compiler compiler = new Compiler();

    List<Double> full = new ArrayList<>();
    List<Double> fullCpu = new ArrayList<>();
    CompileResult result = null;
    for (int i = 0; i < RUNS; i++) {
      result = null;
      long t = System.nanoTime();
      double c = cpuMs();
      result = compiler.compile(base, nodes);
      full.add(ms(t));
      fullCpu.add(cpuMs() - c);
    }
    check(result);
    long heapBase = heapAfterGc();
    long planBytes = 0;
    long steps = 0;
    for (NodePlan p : result.plans().values()) {
      planBytes += p.getSerializedSize();
      steps += p.getStepsCount();
    }
    long heapWithPlans = heapAfterGc();
    result = null;
    long heapWithout = heapAfterGc();

    List<Double> incremental = new ArrayList<>();
    List<Double> incCpu = new ArrayList<>();
    List<Integer> recompiled = new ArrayList<>();
    List<Double> unchanged = new ArrayList<>();
    IncrementalCompiler inc = new IncrementalCompiler(compiler);
    inc.compile(base, nodes);
    for (int i = 0; i < RUNS; i++) {
      Revision changed = load("main@sha1:change" + i, BenchRepo.files(10_000 + i));
      long t = System.nanoTime();
      double c = cpuMs();
      IncrementalCompiler.Update u = inc.compile(changed, nodes);
      incremental.add(ms(t));
      incCpu.add(cpuMs() - c);
      recompiled.add(u.recompiled().size());
      check(u.result());
      Revision same = load("main@sha1:same" + i, BenchRepo.files(10_000 + i));
      t = System.nanoTime();
      inc.compile(same, nodes);
      unchanged.add(ms(t));
    }
    print(
        nodeCount,
        loadMs,
        full,
        incremental,
        recompiled,
        unchanged,
        steps,
        planBytes,
        heapBase,
        heapWithPlans,
        heapWithout);
    System.out.printf(
        "process CPU time (all threads): full %s ms; incremental %s ms%n",
        fmt(fullCpu), fmt(incCpu));
    System.out.printf(
        "load average while running: %.1f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static Revision load(String id, Map<String, String> files) {
    SourceTree tree = BenchRepo.tree(files);
    LoadResult loaded = ManifestLoader.load(tree);
    if (!loaded.ok()) {
      throw new IllegalStateException("benchmark repository does not load: " + loaded.errors());
    }
    return new Revision(id, loaded.objects(), tree);
  }

  private static void check(CompileResult r) {
    if (!r.ok()) {
      throw new IllegalStateException("benchmark repository does not compile: " + r.diagnostics());
    }
  }

  @SuppressWarnings("java:S1215")
  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  /** CPU time of the whole process (all threads), ms: fairer than wall time on a busy machine. */
  static double cpuMs() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e6;
  }

  private static double best(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    return s.get(s.size() / 2);
  }

  private static void print(
      int nodes,
      double loadMs,
      List<Double> full,
      List<Double> incremental,
      List<Integer> recompiled,
      List<Double> unchanged,
      long steps,
      long planBytes,
      long heapBase,
      long heapWithPlans,
      long heapWithout) {
    System.out.printf(
        "eden compiler benchmark: %,d nodes, %d cores, max heap %,d MB%n",
        nodes, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf("plans: %,d steps in all, %,d bytes serialized%n%n", steps, planBytes);
    String row = "%-52s %12s%n";
    System.out.printf(row, "measure", "value");
    System.out.printf(row, "load + validate the revision (YAML, 113 objects)", f(loadMs) + " ms");
    System.out.printf(row, "(a) full compile, first run (cold JVM)", f(full.get(0)) + " ms");
    System.out.printf(
        row,
        "(a) full compile, best of next " + (full.size() - 1),
        f(best(full.subList(1, full.size()))) + " ms");
    System.out.printf(
        row, "(b) incremental, 1 Variable changed, median", f(median(incremental)) + " ms");
    System.out.printf(row, "    nodes recompiled", recompiled.toString());
    System.out.printf(
        row, "    incremental, nothing changed, median", f(median(unchanged)) + " ms");
    System.out.printf(row, "(c) heap used after GC, plans held", (heapWithPlans >> 20) + " MB");
    System.out.printf(row, "    heap used after GC, plans dropped", (heapWithout >> 20) + " MB");
    System.out.printf(row, "    (heap after GC right after compile)", (heapBase >> 20) + " MB");
    System.out.printf("%nruns: full %s ms; incremental %s ms%n", fmt(full), fmt(incremental));
  }

  private static String f(double ms) {
    return String.format("%,.0f", ms);
  }

  private static String fmt(List<Double> xs) {
    return xs.stream().map(CompileBench::f).toList().toString();
  }
}
