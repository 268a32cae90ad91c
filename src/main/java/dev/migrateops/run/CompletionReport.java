package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import java.util.List;

/**
 * A closed run's story, modelled on seed 003's completion report. A value: renderers make the message.
 *
 * @param approvers    whose approvals counted; empty when the policy needed none
 * @param timeline     each step with its duration and outcome
 * @param backup       the verified backup, or null when none was taken
 * @param verification what verification found, or null when the run never got there
 * @param locking      per applied migration: attempts and the longest lock wait, "20251206090000: 2 attempts, lock waits ≤ 96 ms"
 * @param alerts       what was alerted during the monitoring window
 * @param outcome      the run's last word
 */
public record CompletionReport(long runId, String target, RunState state, Actor requester, String reason, List<Actor> approvers,
                               List<RunSteps.Step> timeline, List<PlannedMigration> migrations, Backup backup,
                               Verification verification, List<String> locking, List<String> alerts, String outcome) {

    public CompletionReport {
        approvers = List.copyOf(approvers);
        timeline = List.copyOf(timeline);
        migrations = List.copyOf(migrations);
        alerts = List.copyOf(alerts);
        locking = locking == null ? List.of() : List.copyOf(locking);
    }

    /** The backup in the report: enough to find it and trust it. */
    public record Backup(long id, String size, String sha256, String restoreCheck, String fileName) {
    }

    /** @param rowCounts "table: before → after" lines */
    public record Verification(List<String> failures, List<String> rowCounts) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }
}
