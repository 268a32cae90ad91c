package dev.migrateops.lint;

/** SET NOT NULL without a validated CHECK (col IS NOT NULL) to skip the scan with. */
final class SetNotNullRule implements ActionRule {

    @Override
    public void check(AlterAction action, String table, String where, LintFile file) {
        if (action instanceof AlterAction.SetNotNull notNull && !file.notNullValidated(table, notNull.column())) {
            file.add(RuleId.SET_NOT_NULL, file.sized(table), where, "SET NOT NULL scans all of " + TableName.display(table)
                    + " under an ACCESS EXCLUSIVE lock", "ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT; "
                    + "then SET NOT NULL uses the constraint and skips the scan");
        }
    }
}
