package dev.migrateops.backup;

import java.time.Duration;
import java.util.List;

/**
 * What verifying a backup found.
 *
 * @param failures  why the backup cannot be trusted; empty when it can
 * @param summary   e.g. "restore check: row counts match (5 tables)"
 * @param rehearsal what the rehearsal on the restored copy said, or null when none ran
 */
public record Verification(List<String> failures, String summary, String rehearsal, Duration took) {

    public Verification {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
