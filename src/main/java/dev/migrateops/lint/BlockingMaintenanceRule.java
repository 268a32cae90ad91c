package dev.migrateops.lint;

/** VACUUM FULL, CLUSTER, REINDEX and REFRESH MATERIALIZED VIEW without CONCURRENTLY lock the table for their whole run. */
final class BlockingMaintenanceRule implements StatementRule {

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (!(statement.shape() instanceof LintStatement.Maintenance maintenance)) {
            return;
        }
        String what = maintenance.what();
        if ((what.startsWith("REINDEX") || what.startsWith("REFRESH")) && maintenance.concurrently()) {
            return;
        }
        file.add(RuleId.BLOCKING_MAINTENANCE, Severity.ERROR, statement.where(), what + " locks the table against reads or writes "
                + "for its whole run", what.startsWith("VACUUM") || what.equals("CLUSTER")
                ? "use plain VACUUM, or pg_repack, outside a migration" : what + " CONCURRENTLY");
    }
}
