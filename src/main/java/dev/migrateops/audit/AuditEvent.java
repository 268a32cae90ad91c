package dev.migrateops.audit;

import java.time.Instant;

/**
 * One line of the append-only audit trail.
 *
 * @param runId   the run it concerns, or null (e.g. a forged request)
 * @param action  what happened, e.g. {@code run.approved}, {@code click.refused}
 * @param details JSON with the particulars; never a password or token
 */
public record AuditEvent(long id, Long runId, Actor actor, String action, String details, Instant at) {
}
