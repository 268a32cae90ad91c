package dev.migrateops.lint;

import java.util.Optional;

/** One action of an {@code ALTER TABLE}, as the rules see it; {@code text} is the action as normalised. */
sealed interface AlterAction {

    String text();

    /** The constraint types {@code ADD [CONSTRAINT name] …} adds. */
    enum ConstraintType { FOREIGN_KEY, CHECK, UNIQUE, PRIMARY_KEY, EXCLUDE }

    /**
     * {@code ADD [CONSTRAINT name] FOREIGN KEY|CHECK|UNIQUE|PRIMARY KEY|EXCLUDE …}.
     *
     * @param notNullColumn the column of a {@code CHECK (col IS NOT NULL)}, the shape SET NOT NULL can use
     */
    record AddConstraint(String text, Optional<String> name, ConstraintType type, boolean notValid, boolean usingIndex,
                         Optional<String> notNullColumn) implements AlterAction {
    }

    /** {@code ADD [COLUMN] [IF NOT EXISTS] name definition}, with what the definition writes inline. */
    record AddColumn(String text, String column, String definition, boolean inlineReferencesOrCheck, boolean inlineUnique)
            implements AlterAction {
    }

    record ValidateConstraint(String text, String name) implements AlterAction {
    }

    record AlterColumnType(String text, String column, String newType) implements AlterAction {
    }

    record SetNotNull(String text, String column) implements AlterAction {
    }

    record DropColumn(String text) implements AlterAction {
    }

    record Rename(String text) implements AlterAction {
    }

    /** {@code SET LOGGED}, {@code SET UNLOGGED}, {@code SET TABLESPACE}, {@code SET ACCESS METHOD}: each rewrites the table. */
    record RewritingSetting(String text, String setting) implements AlterAction {
    }

    /** {@code DETACH PARTITION p} without {@code CONCURRENTLY}. */
    record DetachPartition(String text) implements AlterAction {
    }

    record Other(String text) implements AlterAction {
    }
}
