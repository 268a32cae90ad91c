package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import java.time.Instant;

/**
 * A request to change a target, from the slash command to its end.
 *
 * @param channel             the target's incident channel, where the card lives
 * @param step                the step being worked on, for the card and status updates
 * @param outcome             the last word on the run: what failed, why it was rejected or cancelled
 * @param approvalsVoidReason why earlier approvals no longer count, when they were voided
 * @param stateBeforeRollback what to return to when a rollback request is turned down
 * @param rollbackRequester   who asked for the rollback, once someone did
 */
public record MigrationRun(long id, String target, RunState state, Actor requester, String reason, String toVersion,
                           RunPlan plan, String channel, String step, Instant stepStartedAt,
                           String outcome, String approvalsVoidReason, RunState stateBeforeRollback,
                           Actor rollbackRequester, String rollbackReason, Instant createdAt, Instant updatedAt, Instant finishedAt) {

    /** "#42", how people name runs. */
    public String label() {
        return "#" + id;
    }
}
