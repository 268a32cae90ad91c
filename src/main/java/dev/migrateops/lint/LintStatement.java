package dev.migrateops.lint;

import java.util.List;
import java.util.Optional;

/**
 * A statement of a migration as the rules see it, parsed once: its kind and parts ({@link Shape}), and what
 * any statement may do besides (turn lock_timeout off, ask for CONCURRENTLY, take a heavy lock).
 *
 * @param norm        the text with comments removed, literals blanked and whitespace collapsed
 * @param raw         the text as written
 * @param where       file:line
 * @param shape       what kind of statement it is
 * @param lockTimeout whether it leaves MigrateOps' lock_timeout in effect, when it sets or resets it
 */
record LintStatement(String norm, String raw, String where, Shape shape, Optional<Boolean> lockTimeout) {

    /** The kinds of statement the rules tell apart. */
    sealed interface Shape {
    }

    record CreateTable(String table, String written, boolean ifNotExists, boolean partitioned) implements Shape {
    }

    record CreateIndex(String table, boolean concurrently, boolean ifNotExists) implements Shape {
    }

    record DropIndex(boolean concurrently) implements Shape {
    }

    record AlterTable(String table, List<AlterAction> actions) implements Shape {
    }

    /** {@code DROP TABLE} or {@code TRUNCATE} of the listed tables (qualified). */
    record DropOrTruncate(String kind, List<String> tables) implements Shape {
    }

    /** {@code DROP SCHEMA} or {@code DROP DATABASE}. */
    record DropWhole(String kind) implements Shape {
    }

    record Dml(String verb, String table, boolean hasWhere, boolean selects) implements Shape {
    }

    record TransactionControl(boolean opens, boolean closes) implements Shape {
    }

    record AddEnumValue(String value) implements Shape {
    }

    /** VACUUM FULL, CLUSTER, REINDEX, REFRESH MATERIALIZED VIEW. */
    record Maintenance(String what, boolean concurrently) implements Shape {
    }

    /** A rename of a schema, type, view, sequence, function, domain, enum value or attribute. */
    record RenameObject() implements Shape {
    }

    record DomainCheck(boolean notValid) implements Shape {
    }

    /** A {@code DO} block: the DDL that runs inside it, each statement judged as if written outside. */
    record DoBlock(List<LintStatement> inner) implements Shape {
    }

    record Other() implements Shape {
    }

    boolean concurrently() {
        return StatementParser.CONCURRENTLY.matcher(norm).find();
    }
}
