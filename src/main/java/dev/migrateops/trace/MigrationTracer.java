package dev.migrateops.trace;

import dev.migrateops.backup.BackupException;
import dev.migrateops.backup.BackupService;
import dev.migrateops.backup.SchemaCopy;
import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.SqlStatement;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.TargetDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tries a target's pending migrations, in order, on a scratch copy of its schema (no data), and records per
 * statement what PostgreSQL itself did: the table locks taken ({@code pg_locks} of the session), tables
 * rewritten ({@code pg_class.relfilenode} before and after), constraints added validated
 * ({@code pg_constraint.convalidated}) and indexes built in place. All of it runs in one transaction that is
 * rolled back — never committed, so nothing that reaches beyond the copy's database (a role, a grant of one) is
 * left behind — and the copy is dropped afterwards. Migrations that run outside a transaction are run for their
 * effect on the schema ({@code CONCURRENTLY} dropped, maintenance skipped), not traced. Migrations that call what
 * acts outside the database (dblink, signalling backends, programs) are not run at all before approval.
 */
public class MigrationTracer {

    /** The longest one statement may run on the copy: it holds no rows, so DDL takes milliseconds there. */
    public static final Duration STATEMENT_LIMIT = Duration.ofSeconds(5);
    private static final String QUERY_CANCELED = "57014";
    private static final String NOT_IN_TRANSACTION = "25001";
    /** What acts beyond the copy even in a transaction that is rolled back: never run before an approval. */
    private static final Pattern ACTS_OUTSIDE = Pattern.compile("\\b(dblink\\w*|pg_terminate_backend|pg_cancel_backend|pg_signal_backend"
            + "|pg_reload_conf|pg_rotate_logfile|pg_promote|lo_export|lo_import|pg_file_write|pg_read_file|pg_read_binary_file"
            + "|postgres_fdw|PROGRAM\\s+'|pg_switch_wal|pg_create_restore_point|pg_replication_origin\\w*|pg_drop_replication_slot"
            + "|pg_create_\\w*_replication_slot|pg_logical_emit_message)", Pattern.CASE_INSENSITIVE);
    /** Non-transactional statements with no effect on the schema: skipped on the copy. */
    private static final Pattern MAINTENANCE = Pattern.compile("^(VACUUM|ANALYZE|CLUSTER|REINDEX|REFRESH MATERIALIZED VIEW|CHECKPOINT)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONCURRENT_DDL = Pattern.compile("^(CREATE (UNIQUE )?INDEX|DROP INDEX|ALTER TABLE .* DETACH PARTITION)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final String TABLES = "SELECT c.oid, c.relfilenode, n.nspname || '.' || c.relname, format('%I.%I', n.nspname, c.relname)"
            + " FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm', 'p')"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
            + " AND n.nspname NOT LIKE 'pg\\_temp%'";
    private static final String LOCKS = "SELECT relation, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation'"
            + " AND granted AND relation IS NOT NULL";
    private static final String VALIDATED = "SELECT oid, format('%I', conname), conrelid, contype FROM pg_constraint"
            + " WHERE convalidated AND contype IN ('f', 'c') AND conrelid <> 0";
    private static final String INDEXES = "SELECT i.indexrelid, i.indrelid, format('%I.%I', n.nspname, c.relname), c.relfilenode"
            + " FROM pg_index i"
            + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace";

    private final BackupService backups;

    public MigrationTracer(BackupService backups) {
        this.backups = backups;
    }

    /**
     * Traces the pending migrations on a fresh copy of the target's schema, unless the target says {@code trace: off};
     * says why when it cannot.
     */
    public Trace trace(TargetDatabase target, List<Migration> pending) {
        if (target.settings().trace() == TargetProperties.TraceMode.OFF) {
            return Trace.notRun("trace: off for " + target.name());
        }
        if (pending.isEmpty()) {
            return new Trace(List.of(), Duration.ZERO, null);
        }
        Optional<String> outside = actsOutside(pending);
        if (outside.isPresent()) {
            return Trace.notRun(outside.get());
        }
        long start = System.nanoTime();
        try (SchemaCopy copy = backups.copySchema(target); Connection conn = copy.connect()) {
            try (Statement st = conn.createStatement()) {
                st.execute("SET statement_timeout = " + STATEMENT_LIMIT.toMillis());
            }
            conn.setAutoCommit(false);
            List<MigrationTrace> traces = new ArrayList<>();
            String failedBefore = null;
            try {
                for (Migration migration : pending) {
                    if (failedBefore != null) {
                        traces.add(new MigrationTrace(migration.version().toString(), MigrationTrace.Outcome.NOT_REACHED, List.of(),
                                null, failedBefore));
                        continue;
                    }
                    MigrationTrace trace = migration.transactional() ? traced(conn, migration) : untraced(conn, migration);
                    if (trace.outcome() != MigrationTrace.Outcome.TRACED && trace.outcome() != MigrationTrace.Outcome.NOT_TRANSACTIONAL) {
                        failedBefore = "not tried: " + migration.label() + " could not be traced before it";
                    }
                    traces.add(trace);
                }
            } finally {
                conn.rollback();
            }
            return new Trace(traces, Duration.ofNanos(System.nanoTime() - start), null);
        } catch (BackupException e) {
            return Trace.notRun(e.getMessage());
        } catch (SQLException e) {
            return Trace.notRun("the schema copy could not be used: " + e.getMessage());
        }
    }

    private MigrationTrace traced(Connection conn, Migration migration) throws SQLException {
        Map<Long, Table> existing = tables(conn);
        List<StatementTrace> statements = new ArrayList<>();
        for (SqlStatement statement : migration.up().statements()) {
            String location = migration.up().locate(statement);
            try {
                statements.add(traceOne(conn, statement, location, existing));
            } catch (SQLException e) {
                return new MigrationTrace(migration.version().toString(), outcomeOf(e), statements, location, e.getMessage());
            }
        }
        return new MigrationTrace(migration.version().toString(), MigrationTrace.Outcome.TRACED, statements, null, null);
    }

    /**
     * Runs a migration that cannot run in a transaction for its effect on the schema, inside the trace's
     * transaction: CONCURRENTLY dropped (same result on a copy without rows), maintenance skipped.
     */
    private MigrationTrace untraced(Connection conn, Migration migration) {
        for (SqlStatement statement : migration.up().statements()) {
            String normalized = statement.normalized();
            if (MAINTENANCE.matcher(normalized).find()) {
                continue;
            }
            String sql = CONCURRENT_DDL.matcher(normalized).find()
                    ? statement.sql().replaceAll("(?i)\\s+CONCURRENTLY\\b", "") : statement.sql();
            try (Statement st = conn.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                return new MigrationTrace(migration.version().toString(), NOT_IN_TRANSACTION.equals(e.getSQLState())
                        ? MigrationTrace.Outcome.UNTRACEABLE : outcomeOf(e), List.of(), migration.up().locate(statement), e.getMessage());
            }
        }
        return new MigrationTrace(migration.version().toString(), MigrationTrace.Outcome.NOT_TRANSACTIONAL, List.of(), null, null);
    }

    /** Why the pending migrations must not be run before approval, if one of them reaches outside the database. */
    private static Optional<String> actsOutside(List<Migration> pending) {
        for (Migration migration : pending) {
            for (SqlStatement statement : migration.up().statements()) {
                Matcher m = ACTS_OUTSIDE.matcher(statement.sql());
                if (m.find()) {
                    return Optional.of(migration.up().locate(statement) + " calls " + m.group(1) + ", which acts outside the database "
                            + "even in a transaction that is rolled back: MigrateOps does not run it before approval");
                }
            }
        }
        return Optional.empty();
    }

    /** Over the time limit is not a failure of the migration: on an empty copy it says nothing about the target. */
    private static MigrationTrace.Outcome outcomeOf(SQLException e) {
        return QUERY_CANCELED.equals(e.getSQLState()) ? MigrationTrace.Outcome.TIMED_OUT : MigrationTrace.Outcome.FAILED;
    }

    private StatementTrace traceOne(Connection conn, SqlStatement statement, String location, Map<Long, Table> existing)
            throws SQLException {
        Map<Long, Long> filesBefore = relfilenodes(conn, existing);
        Set<HeldLock> locksBefore = locks(conn, existing);
        // all of them: VALIDATE CONSTRAINT turns an existing one valid without blocking writes, which is no finding
        Set<Long> constraintsBefore = oids(conn, "SELECT oid FROM pg_constraint");
        Set<Long> indexesBefore = oids(conn, INDEXES);
        Set<Long> indexFilesBefore = column(conn, INDEXES, 4);
        long start = System.nanoTime();
        try (Statement st = conn.createStatement()) {
            st.execute(statement.sql());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        List<StatementTrace.LockTaken> locks = new ArrayList<>();
        for (HeldLock lock : locks(conn, existing)) {
            if (!locksBefore.contains(lock)) {
                locks.add(new StatementTrace.LockTaken(existing.get(lock.oid()).ref(), lock.mode()));
            }
        }
        List<StatementTrace.TableRef> rewritten = new ArrayList<>();
        Map<Long, Long> filesAfter = relfilenodes(conn, existing);
        filesBefore.forEach((oid, file) -> {
            Long now = filesAfter.get(oid);
            if (file != 0 && now != null && !now.equals(file)) {
                rewritten.add(existing.get(oid).ref());
            }
        });
        List<StatementTrace.ValidatedConstraint> validated = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(VALIDATED)) {
            while (rs.next()) {
                Table table = existing.get(rs.getLong(3));
                if (!constraintsBefore.contains(rs.getLong(1)) && table != null) {
                    validated.add(new StatementTrace.ValidatedConstraint(rs.getString(2), table.ref(),
                            rs.getString(4).equals("f") ? "FOREIGN KEY" : "CHECK"));
                }
            }
        }
        List<StatementTrace.IndexBuilt> built = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(INDEXES)) {
            while (rs.next()) {
                Table table = existing.get(rs.getLong(2));
                // a rewrite rebuilds the table's indexes: that is the rewrite, not a new index; and an index re-made on
                // the storage of the one it replaces (a type change that needs no rewrite) was not built
                if (!indexesBefore.contains(rs.getLong(1)) && table != null && !rewritten.contains(table.ref())
                        && !indexFilesBefore.contains(rs.getLong(4))) {
                    built.add(new StatementTrace.IndexBuilt(rs.getString(3), table.ref()));
                }
            }
        }
        return new StatementTrace(location, locks, rewritten, validated, built, took);
    }

    private record Table(long oid, StatementTrace.TableRef ref) {
    }

    private record HeldLock(long oid, LockMode mode) {
    }

    private static Map<Long, Table> tables(Connection conn) throws SQLException {
        Map<Long, Table> tables = new HashMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(TABLES)) {
            while (rs.next()) {
                tables.put(rs.getLong(1), new Table(rs.getLong(1), new StatementTrace.TableRef(rs.getString(3), rs.getString(4))));
            }
        }
        return tables;
    }

    private static Map<Long, Long> relfilenodes(Connection conn, Map<Long, Table> existing) throws SQLException {
        Map<Long, Long> files = new HashMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(TABLES)) {
            while (rs.next()) {
                if (existing.containsKey(rs.getLong(1))) {
                    files.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return files;
    }

    /** The table locks this session holds on tables that existed before. */
    private static Set<HeldLock> locks(Connection conn, Map<Long, Table> existing) throws SQLException {
        Set<HeldLock> locks = new HashSet<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(LOCKS)) {
            while (rs.next()) {
                if (existing.containsKey(rs.getLong(1))) {
                    locks.add(new HeldLock(rs.getLong(1), LockMode.of(rs.getString(2))));
                }
            }
        }
        return locks;
    }

    private static Set<Long> oids(Connection conn, String query) throws SQLException {
        return column(conn, query, 1);
    }

    private static Set<Long> column(Connection conn, String query, int column) throws SQLException {
        Set<Long> values = new HashSet<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getLong(column));
            }
        }
        return values;
    }
}
