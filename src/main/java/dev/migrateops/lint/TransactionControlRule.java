package dev.migrateops.lint;

/** BEGIN, COMMIT, ROLLBACK, SAVEPOINT … inside a file MigrateOps runs (and records) in its own transaction. */
final class TransactionControlRule implements StatementRule {

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (statement.shape() instanceof LintStatement.TransactionControl) {
            file.add(RuleId.TRANSACTION_CONTROL, Severity.ERROR, statement.where(), "MigrateOps runs each file in its own "
                    + "transaction (or statement by statement where it must) and records it in the same transaction: a BEGIN, "
                    + "COMMIT or ROLLBACK in the file splits that, so a failure can leave half a migration applied and unrecorded",
                    "remove it; split the file in two where two transactions are needed");
        }
    }
}
