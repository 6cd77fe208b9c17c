package dev.eden.reconciler.source;

import java.time.Instant;

/**
 * One commit at the head of the watched branch.
 *
 * @param sha full hex object id
 * @param subject first line of the message
 * @param time committer time
 */
public record GitCommit(String sha, String subject, Instant time) {}
