package dev.migrateops.backup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What verifying a backup found.
 *
 * @param failures  why the backup cannot be trusted; empty when it can
 * @param summary   e.g. "restore check: row counts match (5 tables)"
 * @param rehearsal what the rehearsal on the restored copy said, or null when none ran
 * @param rowCounts the rows per table the restored copy was found to hold, equal to the target's; empty when no
 *                  restore check ran
 */
public record Verification(List<String> failures, String summary, String rehearsal, Duration took, Map<String, Long> rowCounts) {

    public Verification {
        failures = List.copyOf(failures);
        rowCounts = rowCounts == null ? Map.of() : new TreeMap<>(rowCounts);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
