package dev.migrateops.lint;

/** DETACH PARTITION without CONCURRENTLY: an ACCESS EXCLUSIVE lock on the parent. */
final class DetachPartitionRule implements ActionRule {

    @Override
    public void check(AlterAction action, String table, String where, LintFile file) {
        if (action instanceof AlterAction.DetachPartition) {
            file.add(RuleId.DETACH_PARTITION_NOT_CONCURRENT, file.sized(table), where, "DETACH PARTITION takes an ACCESS EXCLUSIVE "
                    + "lock on " + TableName.display(table) + ": reads and writes of every partition wait", "DETACH PARTITION … "
                    + "CONCURRENTLY (PostgreSQL 14+), in a migration of its own");
        }
    }
}
