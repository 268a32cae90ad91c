package dev.migrateops.lint;

import dev.migrateops.catalog.TransactionMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the linter knows while it walks one file — tables it created, constraints it added, whether a transaction
 * is open and lock_timeout still in effect — and the findings so far. The rules read it; only the linter's
 * walk ({@link #enter}, {@link #afterAction}, {@link #leave}) changes it, so a rule's order cannot change another's.
 */
final class LintFile {

    /** Tables at or above this many rows (or of unknown size) make locking findings errors. */
    static final long LARGE_TABLE_ROWS = MigrationLinter.LARGE_TABLE_ROWS;

    final String file;
    final TransactionMode mode;
    final TableFacts facts;
    final List<Finding> findings = new ArrayList<>();

    private final Set<String> createdTables = new HashSet<>();
    private final Set<String> partitionedCreated = new HashSet<>();
    private final Set<String> newEnumValues = new HashSet<>();
    /** NOT NULL checks added in this file: constraint name → table.column; validated ones by table.column. */
    private final Map<String, String> notNullChecks = new HashMap<>();
    private final Set<String> validatedNotNull = new HashSet<>();
    /** Constraints added NOT VALID in this file, by lower-case name. */
    private final Set<String> addedNotValid = new HashSet<>();
    /** Existing tables an ALTER TABLE locked in the transaction that is open: held until it commits. */
    private final Set<String> lockedByDdl = new HashSet<>();
    private boolean lockTimeoutInEffect = true;
    private boolean explicitTransaction;

    LintFile(String file, TransactionMode mode, TableFacts facts) {
        this.file = file;
        this.mode = mode;
        this.facts = facts;
    }

    boolean inTransaction() {
        return mode.transactional() || explicitTransaction;
    }

    boolean explicitTransaction() {
        return explicitTransaction;
    }

    boolean lockTimeoutInEffect() {
        return lockTimeoutInEffect;
    }

    boolean createdHere(String table) {
        return createdTables.contains(table);
    }

    boolean partitioned(String table) {
        return facts.partitioned(table) || partitionedCreated.contains(table);
    }

    Set<String> newEnumValues() {
        return newEnumValues;
    }

    boolean addedNotValid(String constraint) {
        return addedNotValid.contains(constraint);
    }

    boolean notNullValidated(String table, String column) {
        return validatedNotNull.contains(table + "." + column) || facts.validatedNotNullCheck(table, column);
    }

    Set<String> lockedByDdl() {
        return lockedByDdl;
    }

    /** Errors for locking rules only where the table is big (or of unknown size); on small tables, warnings. */
    Severity sized(String table) {
        return facts.rows(table).map(rows -> rows >= LARGE_TABLE_ROWS).orElse(true) ? Severity.ERROR : Severity.WARNING;
    }

    void add(RuleId rule, Severity severity, String where, String why, String fix) {
        findings.add(new Finding(rule.id(), severity, where, why, fix, null));
    }

    /** What a statement changes before the rules judge it: the transaction, lock_timeout, new tables and enum values. */
    void enter(LintStatement statement) {
        if (statement.shape() instanceof LintStatement.TransactionControl control) {
            if (control.opens()) {
                explicitTransaction = true;
            } else if (control.closes()) {
                explicitTransaction = false;
                newEnumValues.clear();
                lockedByDdl.clear();
            }
        }
        statement.lockTimeout().ifPresent(inEffect -> lockTimeoutInEffect = inEffect);
        if (statement.shape() instanceof LintStatement.AddEnumValue value) {
            newEnumValues.add(value.value());
        }
        if (statement.shape() instanceof LintStatement.CreateTable created) {
            createdTables.add(created.table());
            if (created.partitioned()) {
                partitionedCreated.add(created.table());
            }
        }
    }

    /** What an ALTER TABLE action leaves for the actions and statements after it: constraints added or validated. */
    void afterAction(String table, AlterAction action) {
        if (action instanceof AlterAction.AddConstraint added) {
            if (added.notValid()) {
                added.name().ifPresent(addedNotValid::add);
            }
            if (added.notNullColumn().isPresent() && added.name().isPresent()) {
                notNullChecks.put(added.name().get(), table + "." + added.notNullColumn().get());
                if (!added.notValid()) {
                    validatedNotNull.add(table + "." + added.notNullColumn().get());
                }
            }
        }
        if (action instanceof AlterAction.ValidateConstraint validate && notNullChecks.containsKey(validate.name())) {
            validatedNotNull.add(notNullChecks.get(validate.name()));
        }
    }

    /** An ALTER TABLE in an open transaction holds its lock until that commits: backfills after it wait with it. */
    void leave(LintStatement statement) {
        if (statement.shape() instanceof LintStatement.AlterTable alter && !createdHere(alter.table()) && inTransaction()
                && alter.actions().stream().anyMatch(a -> !(a instanceof AlterAction.ValidateConstraint))) {
            lockedByDdl.add(alter.table());
        }
    }
}
