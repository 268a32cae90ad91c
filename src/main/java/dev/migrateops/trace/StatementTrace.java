package dev.migrateops.trace;

import java.time.Duration;
import java.util.List;

/**
 * What one statement did when it ran on a copy of the target's schema: the facts findings are made of.
 * Tables are named as they must be typed in psql ({@code public."CashDrawer"}); only tables that existed before
 * the migration count — what a migration creates, nobody else is using yet.
 *
 * @param location     file:line of the statement
 * @param locks        the table locks it took, beyond those the migration already held
 * @param rewritten    tables it rewrote (a new relfilenode): every row copied under its lock
 * @param validated    constraints it added already validated: every row checked under its lock
 * @param indexesBuilt indexes it built in place, inside the transaction (writers wait)
 * @param took         how long it ran on the copy, which holds no rows
 */
public record StatementTrace(String location, List<LockTaken> locks, List<TableRef> rewritten, List<ValidatedConstraint> validated,
                             List<IndexBuilt> indexesBuilt, Duration took) {

    public StatementTrace {
        locks = List.copyOf(locks);
        rewritten = List.copyOf(rewritten);
        validated = List.copyOf(validated);
        indexesBuilt = List.copyOf(indexesBuilt);
    }

    /**
     * A table: {@code key} as PostgreSQL resolved it ({@code public.CashDrawer}), {@code display} as it must be typed
     * ({@code public."CashDrawer"}).
     */
    public record TableRef(String key, String display) {
    }

    /** A table lock and its mode. */
    public record LockTaken(TableRef table, LockMode mode) {
    }

    /** A FOREIGN KEY or CHECK constraint that was added validated. */
    public record ValidatedConstraint(String name, TableRef table, String kind) {
    }

    /** An index built inside the transaction. */
    public record IndexBuilt(String index, TableRef table) {
    }

    /** The strongest lock it took on the table, if any. */
    public java.util.Optional<LockMode> strongestOn(TableRef table) {
        return locks.stream().filter(l -> l.table().equals(table)).map(LockTaken::mode).max(Enum::compareTo);
    }
}
