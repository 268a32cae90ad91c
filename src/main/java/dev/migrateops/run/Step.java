package dev.migrateops.run;

/** The steps of a run's timeline, in the order an approved run goes through them. */
public enum Step {
    PRECHECKS("pre-checks", RunState.PRECHECKS, "step.prechecks"),
    BACKUP("backup", RunState.BACKUP, "step.backup"),
    APPLYING("applying", RunState.APPLYING, "step.applying"),
    VERIFYING("verifying", RunState.VERIFYING, "step.verifying"),
    MONITORING("monitoring", RunState.MONITORING, "step.monitoring"),
    ROLLBACK("rollback", RunState.ROLLING_BACK, "rollback.started");

    private final String label;
    private final RunState state;
    private final String auditAction;

    Step(String label, RunState state, String auditAction) {
        this.label = label;
        this.state = state;
        this.auditAction = auditAction;
    }

    /** How the timeline names the step ("pre-checks"), as stored in {@code run_steps}. */
    public String label() {
        return label;
    }

    /** The state a run is in while it works on this step. */
    public RunState state() {
        return state;
    }

    /** The audit action for entering the step, e.g. {@code step.prechecks}. */
    String auditAction() {
        return auditAction;
    }
}
