package dev.migrateops.run;

/** Published when a run reaches a final state: COMPLETED, FAILED, ROLLED_BACK, INTERRUPTED, REJECTED or CANCELLED. */
public record RunClosed(long runId, RunState state) {
}
