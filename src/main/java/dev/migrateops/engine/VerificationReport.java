package dev.migrateops.engine;

import java.util.List;

/**
 * What verification found.
 *
 * @param failures             verify queries that returned rows, invalid indexes: the migration did not work
 * @param warnings             worth a look, not a failure (fewer rows than before on a live table)
 * @param notValidConstraints  constraints still NOT VALID, waiting for a VALIDATE CONSTRAINT
 * @param rowCounts            touched tables before and after
 */
public record VerificationReport(List<String> failures, List<String> warnings, List<String> notValidConstraints,
                                 List<RowCountChange> rowCounts) {

    public VerificationReport {
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
        notValidConstraints = List.copyOf(notValidConstraints);
        rowCounts = List.copyOf(rowCounts);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
