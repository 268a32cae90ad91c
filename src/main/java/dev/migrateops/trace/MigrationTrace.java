package dev.migrateops.trace;

import java.util.List;

/**
 * How one pending migration went on the schema copy.
 *
 * @param version    the migration's version, as its file names it
 * @param outcome    traced, run without tracing, failed, or not reached
 * @param statements the traced statements, in order
 * @param failedAt   file:line of the statement that failed on the copy, for {@link Outcome#FAILED}
 * @param error      why it failed on the copy (or was not tried)
 */
public record MigrationTrace(String version, Outcome outcome, List<StatementTrace> statements, String failedAt, String error) {

    public MigrationTrace {
        statements = List.copyOf(statements);
    }

    public enum Outcome {
        /** ran in one transaction, every statement traced */
        TRACED,
        /** runs statement by statement (CONCURRENTLY): run on the copy for what follows, judged by the static rules */
        NOT_TRANSACTIONAL,
        /** a statement failed on the copy: it would fail on the target too */
        FAILED,
        /** a statement ran longer than the trace allows ({@link MigrationTracer#STATEMENT_LIMIT}) on an empty copy: not judged */
        TIMED_OUT,
        /** needs to run outside a transaction (CREATE DATABASE, ALTER SYSTEM, …), which the trace never does */
        UNTRACEABLE,
        /** a statement needs more than the copy's unprivileged owner may do (superuser, a role, an untrusted extension): not judged */
        NEEDS_PRIVILEGE,
        /** an earlier migration failed or timed out on the copy, so this one could not be tried */
        NOT_REACHED
    }
}
