package dev.migrateops.slack;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.backup.BackupException;
import dev.migrateops.catalog.CatalogException;
import dev.migrateops.engine.DriftException;
import dev.migrateops.engine.TargetAccessException;
import dev.migrateops.engine.UnknownTargetException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What a person is told when their request failed inside the bot. What happened on a target or in the
 * migrations is said as it is; the bot's store being away is said plainly; anything else — an SQL error
 * of the store, a bug — is never shown (no SQL, no class names, no stack traces): the person gets a
 * reference, and the details go to the log and, where the store answers, the audit trail.
 */
@Component
class InternalFailures {

    private static final Logger log = LoggerFactory.getLogger(InternalFailures.class);
    static final String STORE_AWAY = "MigrateOps cannot reach its database right now; nothing was done. Try again in a minute.";

    private final AuditLog audit;

    public InternalFailures(AuditLog audit) {
        this.audit = audit;
    }

    /** The answer for the person, after logging (and auditing) what went wrong. */
    public String answer(Actor actor, String request, RuntimeException e) {
        if (storeAway(e)) {
            log.warn("{} by {}: the bot's store cannot be reached: {}", request, actor.id(), e.getMessage());
            return STORE_AWAY;
        }
        if (e instanceof TargetAccessException || e instanceof CatalogException || e instanceof BackupException
                || e instanceof DriftException || e instanceof UnknownTargetException) {
            return "⚠️ " + e.getMessage();
        }
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        String reference = HexFormat.of().formatHex(bytes);
        log.error("{} by {} failed, reference {}", request, actor.id(), reference, e);
        try {
            audit.record(null, actor, "failed.request", Map.of("request", request, "reference", reference,
                    "error", e.getClass().getName() + ": " + String.valueOf(e.getMessage())));
        } catch (RuntimeException auditFailed) {
            log.warn("could not audit failure {}: {}", reference, auditFailed.getMessage());
        }
        return "⚠️ Something went wrong inside MigrateOps (reference " + reference + "); the details are in its log and audit trail.";
    }

    static boolean storeAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return false;
    }
}
