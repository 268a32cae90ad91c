package dev.migrateops.lint;

import java.util.Optional;

/**
 * What the live target knows about a table, so that rules can weigh it: a lock on 100 rows is a
 * warning, on 10 million an error. Without a target everything is unknown and rules assume the worst.
 */
public interface TableFacts {

    TableFacts UNKNOWN = new TableFacts() {
    };

    /** Estimated rows ({@code pg_class.reltuples}), when the table exists. */
    default Optional<Long> rows(String qualifiedTable) {
        return Optional.empty();
    }

    /** The table's size on disk with its indexes and TOAST, as the catalog last saw it, when it exists. */
    default Optional<Long> bytes(String qualifiedTable) {
        return Optional.empty();
    }

    /** The column's current type as {@code format_type} prints it, e.g. {@code character varying(20)}. */
    default Optional<String> columnType(String qualifiedTable, String column) {
        return Optional.empty();
    }

    /**
     * Rows inserted, updated and deleted per second ({@code pg_stat_user_tables}), on average since the server's
     * statistics were last reset (or the server started), when the table exists.
     */
    default Optional<Double> writesPerSecond(String qualifiedTable) {
        return Optional.empty();
    }

    default boolean partitioned(String qualifiedTable) {
        return false;
    }

    /** True when a validated {@code CHECK (column IS NOT NULL)} already exists: SET NOT NULL then skips its scan. */
    default boolean validatedNotNullCheck(String qualifiedTable, String column) {
        return false;
    }
}
