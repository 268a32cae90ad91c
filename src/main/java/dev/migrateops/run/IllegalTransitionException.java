package dev.migrateops.run;

/** A run was asked to move to a state it cannot reach from where it is; nothing was done. */
class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(long runId, RunState actual, RunState wanted) {
        super("run #" + runId + " is " + actual + ", so it cannot become " + wanted);
    }
}
