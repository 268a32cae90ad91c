package dev.migrateops.slack.view;

import dev.migrateops.backup.BackupArtifact;
import dev.migrateops.run.Approval;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunSteps;
import java.time.Duration;
import java.util.List;

/**
 * Everything the run card shows, gathered in one value so that the view is a pure function of it.
 *
 * @param approvals        approvals that count now, for the purpose the run is waiting on
 * @param approvalsNeeded  the target's approvals-required
 * @param approvers        who may approve (Slack ids), empty for anyone but the requester
 * @param approvalTtl      how long an approval counts
 * @param backupRequired   whether the target requires a backup
 * @param changeWindow     the change window as text, or null
 * @param lintOverride     who accepted the lint errors and why, or null
 * @param rollbackOffered  false when the run left nothing applied: no Rollback button then
 * @param backup           the run's verified backup, or null while there is none
 * @param now              the step running now, with its long work and blockers; null when none runs
 */
public record RunCard(MigrationRun run, List<Approval> approvals, int approvalsNeeded, List<String> approvers,
                      Duration approvalTtl, boolean backupRequired, String changeWindow, String lintOverride,
                      boolean rollbackOffered, BackupArtifact backup, RunSteps.Step now) {

    public RunCard(MigrationRun run, List<Approval> approvals, int approvalsNeeded, List<String> approvers,
                   Duration approvalTtl, boolean backupRequired, String changeWindow, String lintOverride,
                   boolean rollbackOffered, BackupArtifact backup) {
        this(run, approvals, approvalsNeeded, approvers, approvalTtl, backupRequired, changeWindow, lintOverride, rollbackOffered,
                backup, null);
    }

    public RunCard(MigrationRun run, List<Approval> approvals, int approvalsNeeded, List<String> approvers,
                   Duration approvalTtl, boolean backupRequired, String changeWindow, String lintOverride) {
        this(run, approvals, approvalsNeeded, approvers, approvalTtl, backupRequired, changeWindow, lintOverride, true, null);
    }
}
