package dev.migrateops.lint;

/** NOT VALID and VALIDATE in one transaction: the ADD's lock is held while every row is checked. */
final class ValidateInSameTransactionRule implements ActionRule {

    @Override
    public void check(AlterAction action, String table, String where, LintFile file) {
        if (action instanceof AlterAction.ValidateConstraint validate && file.inTransaction() && file.addedNotValid(validate.name())) {
            file.add(RuleId.VALIDATE_IN_SAME_TRANSACTION, file.sized(table), where, "the constraint is validated in the transaction "
                    + "that added it NOT VALID, so the lock the ADD took is held while every row of " + TableName.display(table)
                    + " is checked", "VALIDATE CONSTRAINT in a separate, later migration");
        }
    }
}
