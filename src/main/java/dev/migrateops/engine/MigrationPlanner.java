package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationCatalog;
import dev.migrateops.catalog.MigrationVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compares a directory with a target's history: what is pending, and what has drifted. */
final class MigrationPlanner {

    /** As {@link #plan(String, MigrationCatalog, List, Optional)}, with what the team's own tool's history adds. */
    MigrationPlan plan(String target, MigrationCatalog catalog, List<AppliedMigration> history, Optional<MigrationVersion> to,
                       ToolAdoption.Adoption adoption, java.time.Instant now) {
        MigrationPlan plan = plan(target, catalog, adoption.history(history, now,
                catalog.commit().map(c -> c.sha()).orElse(null)), to);
        if (adoption.drift().isEmpty()) {
            return plan;
        }
        List<Drift> drift = new ArrayList<>(plan.drift());
        drift.addAll(adoption.drift());
        return new MigrationPlan(plan.target(), plan.pending(), drift, plan.applied());
    }

    public MigrationPlan plan(String target, MigrationCatalog catalog, List<AppliedMigration> history,
                              Optional<MigrationVersion> to) {
        Map<MigrationVersion, AppliedMigration> byVersion = new HashMap<>();
        List<Drift> drift = new ArrayList<>();
        MigrationVersion newestApplied = null;
        for (AppliedMigration row : history) {
            MigrationVersion version = MigrationVersion.parse(row.version());
            byVersion.put(version, row);
            Optional<Migration> file = catalog.find(version);
            if (file.isEmpty()) {
                drift.add(new Drift(row.version(), Drift.Kind.FILE_MISSING, row.version() + " " + row.name()
                        + " is recorded on " + target + " but its file is not in " + catalog.source()
                        + ": restore the file, or roll it back where it still exists"));
            } else if (row.success() && !file.get().checksum().equals(row.checksum())) {
                drift.add(new Drift(row.version(), Drift.Kind.CHECKSUM_CHANGED, file.get().up().fileName()
                        + " was edited after it was applied to " + target + " (checksum " + abbreviate(row.checksum())
                        + " applied, " + abbreviate(file.get().checksum())
                        + " now): restore the applied text and put the change in a new migration"));
            }
            if (row.success() && (newestApplied == null || version.compareTo(newestApplied) > 0)) {
                newestApplied = version;
            }
        }
        List<PendingMigration> pending = new ArrayList<>();
        for (Migration migration : catalog.migrations()) {
            if (to.isPresent() && migration.version().compareTo(to.get()) > 0) {
                break;
            }
            AppliedMigration row = byVersion.get(migration.version());
            if (row == null || !row.success()) {
                boolean outOfOrder = newestApplied != null && migration.version().compareTo(newestApplied) < 0;
                pending.add(new PendingMigration(migration, row != null, outOfOrder));
            }
        }
        return new MigrationPlan(target, pending, drift, history);
    }

    static String abbreviate(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) + "…" : checksum;
    }
}
