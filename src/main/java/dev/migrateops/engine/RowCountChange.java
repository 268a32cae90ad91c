package dev.migrateops.engine;

/**
 * A touched table's rows before and after a migration.
 *
 * @param before null when the table did not exist before
 * @param after  null when the migration dropped it
 */
public record RowCountChange(String table, Long before, Long after) {

    public String describe() {
        return table + ": " + (before == null ? "new" : before) + " → " + (after == null ? "dropped" : after);
    }
}
