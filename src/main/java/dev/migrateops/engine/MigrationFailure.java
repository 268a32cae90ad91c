package dev.migrateops.engine;

import dev.migrateops.text.Plural;
import java.util.List;

/**
 * Why a script stopped.
 *
 * @param version             the migration
 * @param location            file:line of the failing statement, or what else failed
 * @param sqlState            PostgreSQL's error code, e.g. 23503; null when there is none
 * @param message             PostgreSQL's message
 * @param attempts            how many times it was tried (more than one after lock timeouts)
 * @param lockBudgetExhausted it kept hitting lock_timeout until the retry budget ran out
 * @param transactional       true when nothing of the script was applied
 * @param statementsApplied   statements that ran and stay applied (non-transactional scripts)
 * @param invalidIndexesLeft  invalid indexes that could not be dropped and need a person
 */
public record MigrationFailure(String version, String location, String sqlState, String message, int attempts,
                               boolean lockBudgetExhausted, boolean transactional, int statementsApplied,
                               List<String> invalidIndexesLeft) {

    public MigrationFailure {
        invalidIndexesLeft = List.copyOf(invalidIndexesLeft);
    }

    /** The same failure, with the invalid indexes that were found left once they could be looked for. */
    public MigrationFailure withInvalidIndexesLeft(List<String> left) {
        return new MigrationFailure(version, location, sqlState, message, attempts, lockBudgetExhausted, transactional,
                statementsApplied, left);
    }

    /** The session ended under the migration: terminated (57P0x), or the connection broke (08xxx). */
    public boolean connectionLost() {
        return sqlState != null && (sqlState.startsWith("57P0") || sqlState.startsWith("08"));
    }

    /** One paragraph in the words of the runbooks: where, what, and what stayed applied. */
    public String describe() {
        StringBuilder text = new StringBuilder("Failed at ").append(version).append(" (").append(location).append("): ");
        if (connectionLost()) {
            text.append("the target closed the connection while applying ").append(version).append(" (");
        }
        if (sqlState != null) {
            text.append(sqlState).append(' ');
        }
        text.append(message);
        if (connectionLost()) {
            text.append(')');
        }
        if (lockBudgetExhausted) {
            text.append(" — the lock was not granted in ").append(attempts)
                    .append(" attempts within the retry budget; try again when the table is quieter");
        }
        if (transactional) {
            text.append(" — nothing of this migration was applied.");
        } else {
            text.append(" — ").append(Plural.of(statementsApplied, "statement"))
                    .append(" before it ran outside a transaction and stay applied; make them idempotent (IF NOT EXISTS)")
                    .append(" or roll them back before retrying.");
        }
        if (!invalidIndexesLeft.isEmpty()) {
            text.append(invalidIndexesLeft.size() == 1 ? " Invalid index left: " : " Invalid indexes left: ").append(String.join(", ", invalidIndexesLeft))
                    .append(" — drop them with DROP INDEX CONCURRENTLY.");
        }
        return text.toString();
    }
}
