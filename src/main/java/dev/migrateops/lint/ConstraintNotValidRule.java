package dev.migrateops.lint;

import dev.migrateops.lint.AlterAction.ConstraintType;

/**
 * A foreign key or check added validated — also written inline in ADD COLUMN, or on a domain: every row is
 * checked under a lock that blocks writes.
 */
final class ConstraintNotValidRule implements StatementRule, ActionRule {

    @Override
    public void check(AlterAction action, String table, String where, LintFile file) {
        boolean added = action instanceof AlterAction.AddConstraint constraint && !constraint.notValid()
                && (constraint.type() == ConstraintType.FOREIGN_KEY || constraint.type() == ConstraintType.CHECK);
        boolean inline = action instanceof AlterAction.AddColumn column && column.inlineReferencesOrCheck();
        if (added || inline) {
            file.add(RuleId.CONSTRAINT_NOT_VALID, file.sized(table), where, "adding a foreign key or check constraint scans all of "
                    + TableName.display(table) + " under a lock that blocks writes", "ADD CONSTRAINT … NOT VALID, then ALTER TABLE … "
                    + "VALIDATE CONSTRAINT … in a separate migration (validation does not block writes)");
        }
    }

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (statement.shape() instanceof LintStatement.DomainCheck domain && !domain.notValid()) {
            file.add(RuleId.CONSTRAINT_NOT_VALID, Severity.ERROR, statement.where(), "adding a CHECK to a domain checks every column "
                    + "of that type in every table, under locks that block writes", "ADD CONSTRAINT … NOT VALID, then VALIDATE "
                    + "CONSTRAINT in a separate migration");
        }
    }
}
