package dev.migrateops.engine;

import dev.migrateops.catalog.MigrationVersion;
import java.util.List;
import java.util.Optional;

/**
 * Who changes a target and why; kept in the history rows.
 *
 * @param actor  a person (Slack user, OS user) — never a credential
 * @param runId  the run it belongs to, or null outside a run
 * @param reason why, e.g. the break-glass reason; may be null
 * @param to       apply up to and including this version; empty for all pending
 * @param expected when set, the "version:checksum" list that was approved: apply refuses anything else
 */
public record ApplyRequest(String actor, String runId, String reason, Optional<MigrationVersion> to,
                           Optional<List<String>> expected) {

    public ApplyRequest(String actor, String runId, String reason, Optional<MigrationVersion> to) {
        this(actor, runId, reason, to, Optional.empty());
    }

    public static ApplyRequest by(String actor) {
        return new ApplyRequest(actor, null, null, Optional.empty());
    }
}
