package dev.migrateops.lint;

/** CREATE TABLE or CREATE INDEX without IF NOT EXISTS: a rerun after a partial failure fails. */
final class CreateNotIdempotentRule implements StatementRule {

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (statement.shape() instanceof LintStatement.CreateTable table && !table.ifNotExists()) {
            file.add(RuleId.CREATE_NOT_IDEMPOTENT, Severity.WARNING, statement.where(), "CREATE TABLE without IF NOT EXISTS fails "
                    + "when the migration is run again after a partial failure", "CREATE TABLE IF NOT EXISTS " + table.written() + " …");
        }
        if (statement.shape() instanceof LintStatement.CreateIndex index && !index.ifNotExists()) {
            file.add(RuleId.CREATE_NOT_IDEMPOTENT, Severity.WARNING, statement.where(), "CREATE INDEX without IF NOT EXISTS fails "
                    + "when the migration is run again after a partial failure", "CREATE INDEX "
                    + (index.concurrently() ? "CONCURRENTLY " : "") + "IF NOT EXISTS …");
        }
    }
}
