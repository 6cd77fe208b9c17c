package dev.eden.bench;

import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.RegisterResponse;
import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.reconciler.pipeline.ManifestRevisionCompiler;
import dev.eden.reconciler.pipeline.SyncResult;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Prints how long a reconciler takes to absorb node registrations arriving together: the bench
 * repository (see {@link BenchRepo}) accepted, then {@code count} (default 1,000) agents register
 * over real in-process gRPC, spread evenly over one second; the figure runs from the first Register
 * to the last node being served its plan, with the number of recompile passes. See README.md.
 */
public final class RegistrationBench {

  private RegistrationBench() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    Path dir = tempDir();
    Path repo = repository(dir.resolve("repo"));
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.toString(), "main", "", dir.resolve("data"))
            .withPoll(Duration.ofHours(1));
    String name = InProcessServerBuilder.generateName();
    try (Reconciler r =
        Reconciler.start(
            config,
            new ManifestRevisionCompiler(new Compiler()),
            InProcessServerBuilder.forName(name),
            Clock.systemUTC())) {
      // the poller's first pass may have accepted it already: then this one finds it unchanged
      SyncResult first = r.fetchNow();
      if (!(first instanceof SyncResult.Accepted || first instanceof SyncResult.Unchanged)) {
        throw new IllegalStateException("the bench repository was not accepted");
      }
      ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
      try {
        run(r, channel, count);
      } finally {
        channel.shutdownNow();
      }
    }
  }

  private static void run(Reconciler r, ManagedChannel channel, int count) {
    List<NodeInfo> nodes = BenchRepo.nodes(count).stream().map(RegistrationBench::info).toList();
    AgentServiceGrpc.AgentServiceStub agents = AgentServiceGrpc.newStub(channel);
    CountDownLatch answered = new CountDownLatch(count);
    AtomicInteger failed = new AtomicInteger();
    AtomicLong lastSent = new AtomicLong();
    ScheduledExecutorService clients = Executors.newScheduledThreadPool(4);
    CountDownLatch planned = new CountDownLatch(count);
    AtomicLong allPlanned = new AtomicLong();
    for (NodeInfo n : nodes) {
      r.plans().watch(n.getName(), firstPlan(planned, allPlanned));
    }
    long passesBefore = r.nodeChanges().passes();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      RegisterRequest request = RegisterRequest.newBuilder().setNode(nodes.get(i)).build();
      long at = i * 1_000_000L / count;
      clients.schedule(
          () -> {
            lastSent.set(System.nanoTime());
            agents.register(request, reply(answered, failed));
          },
          at,
          TimeUnit.MICROSECONDS);
    }
    await(planned);
    await(answered);
    double answeredMs = (System.nanoTime() - start) / 1e6;
    long served = nodes.stream().filter(n -> r.plans().plan(n.getName()).isPresent()).count();
    double ms = (allPlanned.get() - start) / 1e6;
    clients.shutdownNow();
    long passes = r.nodeChanges().passes() - passesBefore;
    System.out.printf(
        "eden registration benchmark: %,d nodes registering within one second, %d cores%n",
        count, Runtime.getRuntime().availableProcessors());
    String row = "%-56s %12s%n";
    System.out.printf(row, "last Register sent after", f((lastSent.get() - start) / 1e6) + " ms");
    System.out.printf(row, "every node served its plan after (from first Register)", f(ms) + " ms");
    System.out.printf(row, "every Register answered after", f(answeredMs) + " ms");
    System.out.printf(row, "nodes with a plan", served + " / " + count);
    System.out.printf(row, "recompile passes", passes + " (one per node: " + count + ")");
    System.out.printf(row, "failed Register calls", failed.get());
    System.out.printf(
        "load average while running: %.1f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Counts a node down the first time it is served a plan; notes when the last one was. */
  private static Consumer<NodePlan> firstPlan(CountDownLatch planned, AtomicLong at) {
    AtomicBoolean seen = new AtomicBoolean();
    return plan -> {
      if (seen.compareAndSet(false, true)) {
        at.set(System.nanoTime());
        planned.countDown();
      }
    };
  }

  private static StreamObserver<RegisterResponse> reply(
      CountDownLatch answered, AtomicInteger failed) {
    return new StreamObserver<>() {
      @Override
      public void onNext(RegisterResponse value) {}

      @Override
      public void onError(Throwable t) {
        failed.incrementAndGet();
        answered.countDown();
      }

      @Override
      public void onCompleted() {
        answered.countDown();
      }
    };
  }

  private static NodeInfo info(NodeInput n) {
    return NodeInfo.newBuilder()
        .setName(n.name())
        .putAllLabels(n.labels())
        .setFacts(n.facts())
        .build();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("registrations not absorbed within 10 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("eden-registration-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Git repository holding the bench's manifests, one commit on main. */
  private static Path repository(Path repo) {
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      for (Map.Entry<String, String> file : BenchRepo.files(9042).entrySet()) {
        Path path = repo.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
      git.add().addFilepattern(".").call();
      git.commit().setMessage("bench").setAuthor("b", "b@x").setCommitter("b", "b@x").call();
      return repo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create the bench repository", e);
    }
  }

  private static String f(double ms) {
    return String.format("%,.0f", ms);
  }
}
