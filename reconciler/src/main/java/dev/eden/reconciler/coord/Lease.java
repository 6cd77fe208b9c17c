package dev.eden.reconciler.coord;

import java.time.Duration;
import java.time.Instant;

/** A lease held by one node; everything held under it is released when it expires. */
public record Lease(String id, String holder, Duration ttl, Instant expiresAt) {}
