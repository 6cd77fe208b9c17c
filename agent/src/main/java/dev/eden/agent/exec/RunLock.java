package dev.eden.agent.exec;

import dev.eden.agent.state.StateException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive lock on {@code <data-dir>/run.lock}, held for the length of one run. */
final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock at once or fails.
   *
   * @throws RunInProgressException when another run (in this or another process) holds it
   */
  static RunLock take(Path dataDir) {
    Path file = dataDir.resolve("run.lock");
    FileChannel ch = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l = ch.tryLock();
      if (l == null) {
        throw new RunInProgressException("another run holds " + file);
      }
      return new RunLock(ch, l);
    } catch (OverlappingFileLockException e) {
      closeQuietly(ch);
      throw new RunInProgressException("another run in this process holds " + file);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new StateException("cannot lock " + file, e);
    } catch (RunInProgressException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new StateException("cannot release the run lock", e);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // the original failure is the one worth reporting
      }
    }
  }
}
