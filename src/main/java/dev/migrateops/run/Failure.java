package dev.migrateops.run;

import java.util.List;

/**
 * Why a run failed, in plain words: what failed and, one line each, the details.
 *
 * @param summary e.g. "pre-checks failed — nothing was applied"
 */
public record Failure(Kind kind, String summary, List<String> details) {

    /** Where the run failed. */
    public enum Kind { PLAN_CHANGED, PRECHECKS, BACKUP, BACKUP_UNVERIFIED, REHEARSAL, APPLY, CANCELLED, VERIFICATION, ROLLBACK,
        BUSY, UNEXPECTED }

    public Failure {
        details = List.copyOf(details);
    }

    public Failure(Kind kind, String summary) {
        this(kind, summary, List.of());
    }

    /** Summary and details as one text, for the run's outcome and the audit trail. */
    public String describe() {
        return details.isEmpty() ? summary : summary + (summary.endsWith(".") ? "" : ":") + "\n• " + String.join("\n• ", details);
    }
}
