package dev.migrateops.engine;

import java.util.List;

/**
 * What applying would do on a target right now.
 *
 * @param target  the target's name
 * @param pending in the order they would run
 * @param drift   differences that block applying
 * @param applied the target's history
 */
public record MigrationPlan(String target, List<PendingMigration> pending, List<Drift> drift,
                            List<AppliedMigration> applied) {

    public MigrationPlan {
        pending = List.copyOf(pending);
        drift = List.copyOf(drift);
        applied = List.copyOf(applied);
    }

    public boolean blockedByDrift() {
        return !drift.isEmpty();
    }
}
