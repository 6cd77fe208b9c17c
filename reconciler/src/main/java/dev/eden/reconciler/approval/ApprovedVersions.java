package dev.eden.reconciler.approval;

import dev.eden.reconciler.source.GitSource;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec.Step;
import dev.eden.schema.model.Spec.TaskBookSpec;
import dev.eden.schema.model.Value;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Approved TaskBook versions, read back from the commits they were approved in (the reconciler's
 * Git clone). A version's {@code template} parameters are rewritten to point into {@link
 * ApprovedTree}'s view of that commit, so its templates render as they did when it was approved
 * even where the current revision changed the same file for other objects.
 */
final class ApprovedVersions {

  /** One approved version: the TaskBook as it was, and the commit's files. */
  record Version(Manifest taskBook, SourceTree tree) {}

  /** The files and objects of one commit. */
  record Commit(SourceTree tree, List<Manifest> objects) {}

  private static final int CACHED_COMMITS = 4;

  private final GitSource source;
  private final Map<String, Commit> commits =
      new LinkedHashMap<>(CACHED_COMMITS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Commit> eldest) {
          return size() > CACHED_COMMITS;
        }
      };

  ApprovedVersions(GitSource source) {
    this.source = source;
  }

  /**
   * TaskBook {@code key} ({@code namespace/name}) as commit {@code commit} has it.
   *
   * @return empty when the commit has no such TaskBook
   * @throws IOException when the commit is not in the clone
   */
  Optional<Version> load(String commit, String key) throws IOException {
    Commit c = commit(commit);
    return c.objects().stream()
        .filter(m -> m.kind() == Kind.TASK_BOOK && ApprovalGate.key(m).equals(key))
        .findFirst()
        .map(m -> new Version(relocate(m, commit), c.tree()));
  }

  /**
   * The files and objects of {@code commit}, loaded once (a few commits are kept).
   *
   * @throws IOException when the commit is not in the clone
   */
  synchronized Commit commit(String commit) throws IOException {
    Commit c = commits.get(commit);
    if (c == null) {
      SourceTree tree = source.tree(commit);
      c = new Commit(tree, ManifestLoader.load(tree).objects());
      commits.put(commit, c);
    }
    return c;
  }

  /** {@code taskBook} with each {@code template} parameter pointing into {@code commit}. */
  static Manifest relocate(Manifest taskBook, String commit) {
    TaskBookSpec spec = taskBook.spec(TaskBookSpec.class);
    List<Step> steps = spec.steps().stream().map(s -> relocate(s, commit)).toList();
    TaskBookSpec moved =
        new TaskBookSpec(
            spec.mode(), spec.suspend(), spec.approval(), spec.targets(), spec.vars(), steps);
    return new Manifest(
        taskBook.apiVersion(), taskBook.kind(), taskBook.metadata(), moved, taskBook.pos());
  }

  private static Step relocate(Step s, String commit) {
    Optional<String> path = TaskBookDigest.templatePath(s);
    if (path.isEmpty()) {
      return s;
    }
    Value.Scalar old = (Value.Scalar) s.parameters().get("template");
    Map<String, Value> entries = new LinkedHashMap<>(s.parameters().entries());
    entries.put(
        "template", new Value.Scalar("/" + ApprovedTree.path(commit, path.get()), old.pos()));
    Value.Map params = new Value.Map(entries, s.parameters().keys(), s.parameters().pos());
    return new Step(
        s.name(),
        s.action(),
        params,
        s.forEach(),
        s.requires(),
        s.conditions(),
        s.runOptions(),
        s.export(),
        s.sensitive(),
        s.pos());
  }
}
