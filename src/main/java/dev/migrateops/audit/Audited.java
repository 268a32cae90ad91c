package dev.migrateops.audit;

import java.util.Map;

/**
 * An event that belongs in the audit trail. {@link AuditLog} writes one row for each such event it hears,
 * in the transaction that published it: the row commits with the decision or not at all.
 */
public interface Audited {

    /** The row to write: run, actor, action and details. */
    Entry auditEntry();

    /** One audit row. The action names the event type, e.g. {@code run.approved}. */
    record Entry(Long runId, Actor actor, String action, Map<String, ?> details) {
    }
}
