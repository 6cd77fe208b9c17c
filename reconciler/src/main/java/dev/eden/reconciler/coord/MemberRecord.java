package dev.eden.reconciler.coord;

/**
 * One node's part in one coordinated step: it is a member (its plan has the step) and, for a step
 * with target.limit, maybe a candidate.
 */
public record MemberRecord(MemberKey key, String node, StepRule rule, boolean candidate) {}
