package dev.migrateops.engine;

/** A rollback that scripts cannot do: at least one migration has no down file. Nothing was changed. */
public class RestoreRequiredException extends RuntimeException {
    private final RollbackPlan plan;

    public RestoreRequiredException(RollbackPlan plan) {
        super(plan.describe() + "\nNothing was changed.");
        this.plan = plan;
    }

    public RollbackPlan plan() {
        return plan;
    }
}
