package dev.migrateops.lint;

import java.util.List;

/** Every static rule, in the order their findings are listed for a statement. */
final class LintRules {

    private LintRules() {
    }

    static List<StatementRule> all() {
        ConstraintNotValidRule constraintNotValid = new ConstraintNotValidRule();
        DestructiveRule destructive = new DestructiveRule();
        RenameRule rename = new RenameRule();
        UnrecognisedStatementRule unrecognised = new UnrecognisedStatementRule();
        List<ActionRule> actions = List.of(constraintNotValid, new ValidateInSameTransactionRule(), new RewritingSettingRule(),
                new DetachPartitionRule(), new UniqueWithoutIndexRule(), new SetNotNullRule(), new AddColumnNotNullRule(),
                new VolatileDefaultRule(), new AlterColumnTypeRule(), destructive, rename, unrecognised);
        return List.of(new TransactionControlRule(), new ConcurrentlyInTransactionRule(), new EnumValueInSameTransactionRule(),
                new CreateNotIdempotentRule(), new IntKeyOverflowRule(), new IndexBuildRule(), new DropIndexNotConcurrentRule(),
                new AlterTableActions(actions), destructive, new BlockingMaintenanceRule(), new DmlWithoutWhereRule(),
                new BackfillInDdlTransactionRule(), rename, constraintNotValid, unrecognised, new NoLockTimeoutRule());
    }
}
