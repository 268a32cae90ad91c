package dev.migrateops.catalog;

/**
 * How a script runs: in one transaction, or statement by statement because something in it cannot run
 * inside a transaction block.
 *
 * @param transactional true for one transaction
 * @param reason        why not, e.g. "CREATE INDEX CONCURRENTLY at line 3"; empty when transactional
 */
public record TransactionMode(boolean transactional, String reason) {

    public static final TransactionMode TRANSACTIONAL = new TransactionMode(true, "");

    public static TransactionMode nonTransactional(String reason) {
        return new TransactionMode(false, reason);
    }
}
