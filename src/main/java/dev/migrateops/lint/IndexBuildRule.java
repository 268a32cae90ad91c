package dev.migrateops.lint;

/**
 * An index built on a live table: without CONCURRENTLY it blocks writes for the whole build; with CONCURRENTLY
 * on a partitioned table, PostgreSQL refuses it.
 */
final class IndexBuildRule implements StatementRule {

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (!(statement.shape() instanceof LintStatement.CreateIndex index) || file.createdHere(index.table())) {
            return;
        }
        String table = TableName.display(index.table());
        if (index.concurrently() && file.partitioned(index.table())) {
            file.add(RuleId.CONCURRENTLY_ON_PARTITIONED_TABLE, Severity.ERROR, statement.where(), "CREATE INDEX CONCURRENTLY is not "
                    + "supported on a partitioned table (" + table + "): PostgreSQL refuses it", "create the index CONCURRENTLY on "
                    + "each partition, then CREATE INDEX ON ONLY the parent and ALTER INDEX … ATTACH PARTITION each one");
        } else if (!index.concurrently()) {
            file.add(RuleId.INDEX_NOT_CONCURRENT, file.sized(index.table()), statement.where(), "CREATE INDEX without CONCURRENTLY "
                    + "blocks every write to " + table + " for as long as the build takes", "CREATE INDEX CONCURRENTLY IF NOT EXISTS … "
                    + "(in a migration of its own: it runs outside a transaction)");
        }
    }
}
