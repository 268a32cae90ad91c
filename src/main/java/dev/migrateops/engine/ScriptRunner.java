package dev.migrateops.engine;

import dev.migrateops.catalog.Sha256;
import dev.migrateops.catalog.SqlScript;
import dev.migrateops.catalog.SqlStatement;
import dev.migrateops.config.ApplyProperties;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Runs one script on one connection: in a single transaction with {@code SET LOCAL} timeouts, or
 * statement by statement when it cannot run in a transaction. Lock timeouts are retried (the whole
 * transaction, or the one statement); anything else stops the script and is described precisely.
 */
final class ScriptRunner {

    static final String QUERY_CANCELED = "57014";

    /** Work that must happen with the script: in its transaction, or right after it when there is none. */
    interface Completion {
        void complete(Connection conn) throws SQLException;
    }

    private final ApplyProperties settings;
    private final LockTimeoutRetry retry;
    private final LockTimeoutLadder ladder;
    private final InvalidIndexes invalidIndexes = new InvalidIndexes();
    private final BlastRadius radius;
    private final TargetConnections target;

    /** @param target connections beside the change's own session, for watching it */
    ScriptRunner(ApplyProperties settings, Clock clock, BlastRadius radius, TargetConnections target) {
        this.settings = settings;
        this.radius = radius;
        this.target = target;
        this.retry = new LockTimeoutRetry(settings, clock);
        this.ladder = new LockTimeoutLadder(settings.firstLockTimeout(), settings.lockTimeout(), new SplittableRandom());
    }

    ScriptOutcome run(Connection conn, String version, SqlScript script, Completion completion, ApplyListener listener) {
        Instant deadline = retry.deadline();
        long start = System.nanoTime();
        try (ReplicaPacing pacing = new ReplicaPacing(settings.replicationLagLimit(), () -> deadline, target)) {
            Execution execution = new Execution(version, script, listener, deadline, radius, pacing);
            return run(conn, script, completion, execution, start);
        }
    }

    private ScriptOutcome run(Connection conn, SqlScript script, Completion completion, Execution execution, long start) {
        String version = execution.version;
        ApplyListener listener = execution.listener;
        try {
            if (script.mode().transactional()) {
                retry.run(version, execution.deadline, () -> runInTransaction(conn, script, completion, execution), listener);
            } else {
                runStatementByStatement(conn, script, completion, execution);
            }
            return new ScriptOutcome(Duration.ofNanos(System.nanoTime() - start), Optional.empty(), execution.lockTimeouts);
        } catch (SQLException e) {
            return new ScriptOutcome(Duration.ofNanos(System.nanoTime() - start), Optional.of(execution.failure(e)),
                    execution.lockTimeouts);
        }
    }

    private Void runInTransaction(Connection conn, SqlScript script, Completion completion, Execution execution)
            throws SQLException {
        execution.attempts++;
        execution.paceRetry();
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.setEscapeProcessing(false);
            setTimeouts(st, "SET LOCAL ");
            setLockTimeout(st, "SET LOCAL ", execution);
            for (SqlStatement statement : script.statements()) {
                execution.execute(st, statement);
            }
            execution.current = null;
            completion.complete(conn);
            conn.commit();
            conn.setAutoCommit(true);
            return null;
        } catch (SQLException | RuntimeException e) {
            rollbackKeeping(conn, e);
            execution.noteFailedAttempt(e);
            throw e;
        }
    }

    /** Rolls back and leaves autocommit on; a broken connection must not hide the error that matters. */
    private static void rollbackKeeping(Connection conn, Exception cause) {
        try {
            conn.rollback();
            conn.setAutoCommit(true);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void runStatementByStatement(Connection conn, SqlScript script, Completion completion, Execution execution)
            throws SQLException {
        conn.setAutoCommit(true);
        try (Statement st = conn.createStatement()) {
            st.setEscapeProcessing(false);
            setTimeouts(st, "SET ");
            try {
                for (SqlStatement statement : script.statements()) {
                    execution.attempts = 0;
                    if (execution.applied > 0) {
                        execution.pacing.await(execution.version, execution.listener);
                    }
                    retry.run(execution.version, execution.deadline, () -> runAlone(conn, st, statement, execution),
                            execution.listener);
                    execution.applied++;
                    execution.pacing.note();
                }
                execution.current = null;
                completion.complete(conn);
            } finally {
                resetTimeouts(st);
            }
        }
    }

    private Void runAlone(Connection conn, Statement st, SqlStatement statement, Execution execution) throws SQLException {
        execution.attempts++;
        execution.paceRetry();
        setLockTimeout(st, "SET ", execution);
        if (!InvalidIndexes.isConcurrentBuild(statement)) {
            try {
                execution.execute(st, statement);
            } catch (SQLException e) {
                execution.noteFailedAttempt(e);
                throw e;
            }
            return null;
        }
        Optional<InvalidIndexes.Index> leftover = invalidIndexes.leftoverOf(conn, statement);
        if (leftover.isPresent()) {
            invalidIndexes.drop(conn, leftover.get());
            execution.listener.invalidIndexDropped(execution.version, leftover.get().qualified());
        }
        Set<InvalidIndexes.Index> before = invalidIndexes.list(conn);
        try {
            execution.execute(st, statement);
            return null;
        } catch (SQLException e) {
            dropNewInvalidIndexes(conn, before, execution);
            execution.noteFailedAttempt(e);
            throw e;
        }
    }

    private void dropNewInvalidIndexes(Connection conn, Set<InvalidIndexes.Index> before, Execution execution) {
        try {
            for (InvalidIndexes.Index index : invalidIndexes.list(conn)) {
                if (before.contains(index)) {
                    continue;
                }
                try {
                    retry.run(execution.version, execution.deadline, () -> {
                        invalidIndexes.drop(conn, index);
                        return null;
                    }, ApplyListener.NONE);
                    execution.listener.invalidIndexDropped(execution.version, index.qualified());
                } catch (SQLException e) {
                    execution.invalidIndexesLeft.add(index.qualified());
                }
            }
        } catch (SQLException e) {
            execution.invalidIndexesLeft.add("(could not list invalid indexes: " + e.getMessage() + ")");
        }
    }

    private void setTimeouts(Statement st, String set) throws SQLException {
        st.execute(set + "lock_timeout = '" + settings.lockTimeout().toMillis() + "ms'");
        st.execute(set + "statement_timeout = '" + settings.statementTimeout().toMillis() + "ms'");
    }

    /** This attempt's lock_timeout, from the ladder: short at first, longer as attempts fail. */
    private void setLockTimeout(Statement st, String set, Execution execution) throws SQLException {
        Duration timeout = ladder.forAttempt(execution.attempts);
        st.execute(set + "lock_timeout = '" + timeout.toMillis() + "ms'");
        execution.lockTimeouts.add(timeout);
    }

    private static void resetTimeouts(Statement st) {
        try {
            st.execute("RESET lock_timeout");
            st.execute("RESET statement_timeout");
        } catch (SQLException e) {
            // the connection is broken; the pool discards it, and its settings with it
        }
    }

    /** The state of one script's run: which statement is current, how many ran, how often it was tried. */
    private static final class Execution {
        final String version;
        final SqlScript script;
        final ApplyListener listener;
        final List<String> invalidIndexesLeft = new ArrayList<>();
        /** The lock_timeout of every attempt, in order: how long live traffic could queue behind each. */
        final List<Duration> lockTimeouts = new ArrayList<>();
        final Instant deadline;
        final BlastRadius radius;
        final ReplicaPacing pacing;
        SqlStatement current;
        int attempts;
        int applied;

        Execution(String version, SqlScript script, ApplyListener listener, Instant deadline, BlastRadius radius,
                  ReplicaPacing pacing) {
            this.radius = radius;
            this.pacing = pacing;
            this.version = version;
            this.script = script;
            this.listener = listener;
            this.deadline = deadline;
        }

        void execute(Statement st, SqlStatement statement) throws SQLException {
            current = statement;
            if (listener.cancelled()) {
                throw new SQLException("canceling statement due to user request (before it started)", QUERY_CANCELED);
            }
            long start = System.nanoTime();
            try (BlastRadius.Watch watch = radius.watch(); ReplicaPacing.Noting noting = pacing.whileRunning()) {
                try {
                    st.execute(statement.sql());
                    report(statement, start, StatementEvent.Outcome.OK, null);
                } catch (SQLException e) {
                    SQLException seen = stoppedEarly(e, watch);
                    report(statement, start, LockTimeoutRetry.isLockTimeout(seen)
                            ? StatementEvent.Outcome.LOCK_TIMEOUT : StatementEvent.Outcome.FAILED, seen.getSQLState());
                    throw seen;
                }
            }
        }

        /** A retry waits for lagging replicas first: adding work to a lagging primary makes the lag worse. */
        void paceRetry() {
            if (attempts > 1) {
                pacing.await(version, listener);
            }
        }

        /** Where the WAL was when an attempt timed out: a replica still behind it at the retry lags since then. */
        void noteFailedAttempt(Exception e) {
            if (LockTimeoutRetry.isLockTimeout(e)) {
                pacing.note();
            }
        }

        /** A cancel by the blast-radius watch is a lock timeout that came early: retried like one. */
        private SQLException stoppedEarly(SQLException e, BlastRadius.Watch watch) {
            if (!watch.spent() || !QUERY_CANCELED.equals(e.getSQLState())) {
                return e;
            }
            return new SQLException("lock attempt stopped early: sessions queued behind it for " + watch.queued().toMillis()
                    + " ms in all (blast-radius budget " + radius.budget().toMillis() + " ms)", LockTimeoutRetry.LOCK_NOT_AVAILABLE, e);
        }

        private void report(SqlStatement statement, long start, StatementEvent.Outcome outcome, String sqlState) {
            listener.statementExecuted(new StatementEvent(version, script.locate(statement), Sha256.hex(statement.sql()),
                    Duration.ofNanos(System.nanoTime() - start), outcome, sqlState));
        }

        MigrationFailure failure(SQLException e) {
            String message = e.getMessage();
            String location = current == null ? script.fileName() + " (recording the outcome)" : script.locate(current);
            if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                message = server.getMessage()
                        + (server.getDetail() == null ? "" : " (" + server.getDetail() + ")")
                        + (server.getHint() == null ? "" : " Hint: " + server.getHint());
                if (current != null && server.getPosition() > 0) {
                    location = script.fileName() + ":" + lineAt(current, server.getPosition());
                }
            }
            return new MigrationFailure(version, location, e.getSQLState(), message, attempts,
                    LockTimeoutRetry.isLockTimeout(e), script.mode().transactional(), applied, invalidIndexesLeft);
        }

        /** PostgreSQL reports a 1-based character position inside the statement; people want the line. */
        private static int lineAt(SqlStatement statement, int position) {
            String sql = statement.sql();
            int line = statement.line();
            for (int i = 0; i < Math.min(position - 1, sql.length()); i++) {
                if (sql.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

}
