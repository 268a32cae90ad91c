package dev.migrateops.lint;

/** UPDATE or DELETE of every row of a live table in one transaction. */
final class DmlWithoutWhereRule implements StatementRule {

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (statement.shape() instanceof LintStatement.Dml dml && !dml.verb().equals("INSERT") && !dml.hasWhere()
                && !file.createdHere(dml.table())) {
            file.add(RuleId.DML_WITHOUT_WHERE, file.sized(dml.table()), statement.where(), dml.verb() + " without WHERE changes "
                    + "every row of " + TableName.display(dml.table()) + " in one transaction: row locks on all of it until it "
                    + "commits, and a table's worth of WAL at once", "batch it (WHERE id BETWEEN … in a loop outside the "
                    + "migration), or add the WHERE you meant");
        }
    }
}
