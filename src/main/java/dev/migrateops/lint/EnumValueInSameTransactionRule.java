package dev.migrateops.lint;

/** A new enum value used before the transaction that added it commits (55P04). */
final class EnumValueInSameTransactionRule implements StatementRule {

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (statement.shape() instanceof LintStatement.AddEnumValue || !file.inTransaction()) {
            return;
        }
        for (String value : file.newEnumValues()) {
            if (statement.raw().contains("'" + value + "'")) {
                file.add(RuleId.ENUM_VALUE_USED_SAME_TRANSACTION, Severity.ERROR, statement.where(), "the enum value '" + value
                        + "' is added in this transaction and cannot be used before it commits (55P04 unsafe use of new value)",
                        "put ALTER TYPE … ADD VALUE in its own migration, before the one that uses it");
            }
        }
    }
}
