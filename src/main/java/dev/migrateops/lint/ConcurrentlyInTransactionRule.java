package dev.migrateops.lint;

/** CONCURRENTLY after an explicit BEGIN: PostgreSQL refuses it (25001). */
final class ConcurrentlyInTransactionRule implements StatementRule {

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (statement.concurrently() && file.explicitTransaction()) {
            file.add(RuleId.CONCURRENTLY_IN_TRANSACTION, Severity.ERROR, statement.where(), "CONCURRENTLY cannot run inside a "
                    + "transaction block: PostgreSQL refuses it (25001) and the migration fails", "remove BEGIN/COMMIT around it; "
                    + "MigrateOps runs a file with CONCURRENTLY statement by statement");
        }
    }
}
