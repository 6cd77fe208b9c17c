package dev.eden.agent.exec;

import dev.eden.agent.fs.RootFs;
import dev.eden.proto.PlanStep;
import dev.eden.proto.StepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a plan with independent file steps side by side (see {@link FileBatches}); every other step
 * waits for all before it and runs alone. Results come back in plan order.
 */
final class ParallelRun {
  private final Function<PlanStep, StepResult> runStep;
  private final RootFs fs;
  private final int parallelism;

  ParallelRun(Function<PlanStep, StepResult> runStep, RootFs fs, int parallelism) {
    this.runStep = runStep;
    this.fs = fs;
    this.parallelism = parallelism;
  }

  List<StepResult> run(List<PlanStep> steps) {
    StepResult[] results = new StepResult[steps.size()];
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallelism,
            r -> {
              Thread t = new Thread(r, "eden-step-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      int i = 0;
      while (i < steps.size()) {
        List<Path> paths = new ArrayList<>();
        int j = i;
        Path p;
        while (j < steps.size() && (p = FileBatches.target(steps.get(j), fs)) != null) {
          paths.add(p);
          j++;
        }
        if (j - i < 2) {
          results[i] = runStep.apply(steps.get(i));
          i++;
          continue;
        }
        runBatch(steps.subList(i, j), paths, results, i, pool);
        i = j;
      }
    } finally {
      pool.shutdownNow();
    }
    return Arrays.asList(results);
  }

  private void runBatch(
      List<PlanStep> batch,
      List<Path> paths,
      StepResult[] results,
      int offset,
      ExecutorService pool) {
    Map<String, Integer> idToIndex = new HashMap<>();
    for (int k = 0; k < batch.size(); k++) {
      idToIndex.put(batch.get(k).getId(), k);
    }
    List<List<Integer>> deps = FileBatches.dependencies(batch, paths, idToIndex);
    List<CompletableFuture<Void>> done = new ArrayList<>(batch.size());
    for (int k = 0; k < batch.size(); k++) {
      int index = k;
      CompletableFuture<?>[] before =
          deps.get(k).stream().map(done::get).toArray(CompletableFuture<?>[]::new);
      done.add(
          CompletableFuture.allOf(before)
              .thenRunAsync(() -> results[offset + index] = runStep.apply(batch.get(index)), pool));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture<?>[]::new)).join();
  }
}
