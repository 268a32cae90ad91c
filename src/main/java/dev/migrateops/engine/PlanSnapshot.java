package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationCatalog;
import java.util.List;

/**
 * A target's migrations and history read once, and what is pending from them: one step of a run works on
 * one snapshot, so the files it checks are the files it applies.
 *
 * @param catalog the migrations directory as it was read
 * @param plan    the pending migrations and drift against the history read with it
 */
public record PlanSnapshot(MigrationCatalog catalog, MigrationPlan plan) {

    public String target() {
        return plan.target();
    }

    public List<Migration> pending() {
        return plan.pending().stream().map(PendingMigration::migration).toList();
    }
}
