package dev.migrateops.lint;

import java.util.stream.Collectors;

/** A backfill in the transaction of an ALTER TABLE: the ALTER's lock is held until the backfill commits. */
final class BackfillInDdlTransactionRule implements StatementRule {

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (!(statement.shape() instanceof LintStatement.Dml dml) || file.createdHere(dml.table())) {
            return;
        }
        boolean backfills = !dml.verb().equals("INSERT") || dml.selects();
        if (backfills && file.inTransaction() && !file.lockedByDdl().isEmpty()) {
            file.add(RuleId.BACKFILL_IN_DDL_TRANSACTION, file.sized(dml.table()), statement.where(), "this " + dml.verb()
                    + " runs in the transaction of the ALTER TABLE on " + file.lockedByDdl().stream().sorted()
                    .map(TableName::display).collect(Collectors.joining(", ")) + " above, whose lock is held until the backfill "
                    + "commits", "put the backfill in a migration of its own, in batches, after the schema change");
        }
    }
}
