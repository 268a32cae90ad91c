package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import java.time.Instant;

/** A vote for a run's apply or rollback. */
public record Approval(long runId, Purpose purpose, Actor approver, Instant decidedAt) {

    /** What the vote allows. */
    public enum Purpose { APPLY, ROLLBACK }
}
