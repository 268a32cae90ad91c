package dev.migrateops.run;

import dev.migrateops.catalog.Sha256;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a run will apply, frozen when it is requested. Approvals are bound to its fingerprint.
 *
 * @param target            the target's host/port/database — a moved target voids approvals
 * @param migrations        pending migrations in order
 * @param drift             drift messages; drift blocks approval
 * @param missingUpstream   migrations not yet applied with the same checksum on the target that must
 *                          have them first (staging before production)
 */
public record RunPlan(String target, List<PlannedMigration> migrations, List<String> drift, List<String> missingUpstream) {

    public RunPlan {
        migrations = List.copyOf(migrations);
        drift = List.copyOf(drift);
        missingUpstream = List.copyOf(missingUpstream);
    }

    public String fingerprint() {
        return Sha256.hex(target + "\n" + migrations.stream().map(m -> m.version() + ":" + m.checksum())
                .collect(Collectors.joining("\n")));
    }

    /** Says which migrations differ from another plan, for the card. */
    public String differenceFrom(RunPlan other) {
        if (!target.equals(other.target)) {
            return "the target now points at " + other.target + " instead of " + target;
        }
        List<String> was = migrations.stream().map(m -> m.version() + ":" + m.checksum()).toList();
        List<String> now = other.migrations.stream().map(m -> m.version() + ":" + m.checksum()).toList();
        List<String> changed = other.migrations.stream()
                .filter(m -> !was.contains(m.version() + ":" + m.checksum())).map(PlannedMigration::version).toList();
        List<String> gone = migrations.stream()
                .filter(m -> !now.contains(m.version() + ":" + m.checksum())).map(PlannedMigration::version).toList();
        return "the pending migrations changed" + (changed.isEmpty() ? "" : " (new or edited: " + String.join(", ", changed) + ")")
                + (gone.isEmpty() ? "" : " (no longer pending as approved: " + String.join(", ", gone) + ")");
    }
}
