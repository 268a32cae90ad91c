package dev.migrateops.lint;

/** DROP INDEX without CONCURRENTLY: an ACCESS EXCLUSIVE lock on the table. */
final class DropIndexNotConcurrentRule implements StatementRule {

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (statement.shape() instanceof LintStatement.DropIndex drop && !drop.concurrently()) {
            file.add(RuleId.DROP_INDEX_NOT_CONCURRENT, Severity.WARNING, statement.where(), "DROP INDEX without CONCURRENTLY takes "
                    + "an ACCESS EXCLUSIVE lock on the table: reads and writes wait", "DROP INDEX CONCURRENTLY IF EXISTS …");
        }
    }
}
