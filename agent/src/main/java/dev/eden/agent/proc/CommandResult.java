package dev.eden.agent.proc;

/** How a command ended; {@code stdout}/{@code stderr} are bounded (their start is kept). */
public record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut) {

  public boolean ok() {
    return exitCode == 0 && !timedOut;
  }

  /** The last lines of stderr (or stdout), for a failure message. */
  public String tail() {
    String text = stderr.isBlank() ? stdout : stderr;
    String trimmed = text.strip();
    return trimmed.length() <= 400 ? trimmed : "…" + trimmed.substring(trimmed.length() - 400);
  }
}
