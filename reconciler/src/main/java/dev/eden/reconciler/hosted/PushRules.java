package dev.eden.reconciler.hosted;

import dev.eden.reconciler.source.GitCommit;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-receive hook of a hosted push: only the served branch may move, never be deleted, and its
 * new head must pass the {@link CandidateCheck}. A refusal prints every located error as {@code
 * remote: path:LINE:COL: message} and leaves the ref where it was.
 */
final class PushRules implements PreReceiveHook {

  private static final Logger LOG = LoggerFactory.getLogger(PushRules.class);

  private final String branchRef;
  private final boolean allowForcePush;
  private final CandidateCheck check;

  PushRules(String branch, boolean allowForcePush, CandidateCheck check) {
    this.branchRef = "refs/heads/" + branch;
    this.allowForcePush = allowForcePush;
    this.check = check;
  }

  @Override
  public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
    for (ReceiveCommand cmd : commands) {
      if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
        continue;
      }
      if (!cmd.getRefName().equals(branchRef)) {
        refuse(rp, cmd, "only " + branchRef + " is served here; push to it");
      } else if (cmd.getType() == ReceiveCommand.Type.DELETE) {
        refuse(rp, cmd, "the served branch cannot be deleted");
      } else if (cmd.getType() == ReceiveCommand.Type.UPDATE_NONFASTFORWARD && !allowForcePush) {
        refuse(
            rp,
            cmd,
            "non-fast-forward push refused: fetch and rebase onto "
                + branchRef
                + ", or run the reconciler with --allow-force-push");
      } else {
        validate(rp, cmd);
      }
    }
  }

  private void validate(ReceivePack rp, ReceiveCommand cmd) {
    GitCommit candidate;
    try (RevWalk walk = new RevWalk(rp.getRepository())) {
      RevCommit c = walk.parseCommit(cmd.getNewId());
      candidate =
          new GitCommit(c.name(), c.getShortMessage(), Instant.ofEpochSecond(c.getCommitTime()));
    } catch (IOException e) {
      refuse(rp, cmd, "the pushed head is not a commit: " + e.getMessage());
      return;
    }
    List<String> errors = check.errors(candidate);
    if (errors.isEmpty()) {
      rp.sendMessage("eden: " + shortSha(cmd.getNewId()) + " is valid; rolling it out");
      LOG.info("event=push_validated ref={} head={}", cmd.getRefName(), candidate.sha());
      return;
    }
    rp.sendMessage("eden: refused " + shortSha(cmd.getNewId()) + ":");
    errors.forEach(rp::sendMessage);
    LOG.warn(
        "event=push_refused ref={} head={} errors={}",
        cmd.getRefName(),
        candidate.sha(),
        errors.size());
    cmd.setResult(
        ReceiveCommand.Result.REJECTED_OTHER_REASON,
        "eden: " + errors.size() + " error(s); the served revision is unchanged");
  }

  private static void refuse(ReceivePack rp, ReceiveCommand cmd, String why) {
    rp.sendMessage("eden: " + why);
    cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "eden: " + why);
  }

  private static String shortSha(ObjectId id) {
    return id.name().substring(0, 12);
  }
}
