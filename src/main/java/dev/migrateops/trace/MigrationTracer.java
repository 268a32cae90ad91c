package dev.migrateops.trace;

import dev.migrateops.backup.BackupException;
import dev.migrateops.backup.PgConnection;
import dev.migrateops.backup.SchemaCopies;
import dev.migrateops.backup.SchemaCopy;
import dev.migrateops.backup.SchemaDump;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tries a target's pending migrations, in order, on a copy of its schema (no data) on a trace server — never the
 * target's server — and records per statement what PostgreSQL itself did: the table locks taken ({@code pg_locks} of
 * the session), tables rewritten ({@code pg_class.relfilenode} before and after), constraints added validated
 * ({@code pg_constraint.convalidated}) and indexes built in place. The migrations run as the copy's unprivileged owner,
 * in one transaction that is rolled back, and the copy is dropped afterwards: what the repository wrote can reach
 * neither the target nor the host, and a statement that needs more than that owner may do is said, not run elsewhere.
 * Migrations that run outside a transaction are run for their effect on the schema ({@code CONCURRENTLY} dropped,
 * maintenance skipped), not traced. A result is kept for the same schema and the same migrations.
 */
public class MigrationTracer implements AutoCloseable {

    /** The longest one statement may run on the copy: it holds no rows, so DDL takes milliseconds there. */
    public static final Duration STATEMENT_LIMIT = Duration.ofSeconds(5);
    /** After this, a statement that ignored its cancellation has its session ended. */
    private static final Duration HARD_LIMIT = STATEMENT_LIMIT.plusSeconds(5);
    private static final String QUERY_CANCELED = "57014";
    private static final String NOT_IN_TRANSACTION = "25001";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final int KEPT_RESULTS = 64;
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

    private final SchemaCopies copies;
    private final TraceServers servers;
    private final Semaphore turns;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "migrateops-trace-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Trace> results = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Trace> eldest) {
            return size() > KEPT_RESULTS;
        }
    };

    /** @param concurrency how many copies are loaded and traced at once; more callers wait their turn */
    MigrationTracer(SchemaCopies copies, TraceServers servers, int concurrency) {
        this.copies = copies;
        this.servers = servers;
        this.turns = new Semaphore(concurrency, true);
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
            return new Trace(List.of(), Duration.ZERO, null, List.of());
        }
        try (SchemaDump dump = copies.dump(target)) {
            String key = dump.serverMajor() + "/" + dump.sha256() + "/" + pending.stream()
                    .map(m -> m.version() + ":" + m.checksum()).collect(Collectors.joining(","));
            synchronized (results) {
                Trace known = results.get(key);
                if (known != null) {
                    return known;
                }
            }
            Trace trace = traceOn(dump, pending);
            if (trace.ran()) {
                synchronized (results) {
                    results.put(key, trace);
                }
            }
            return trace;
        } catch (BackupException | TraceServers.NoTraceServerException e) {
            return Trace.notRun(e.getMessage());
        }
    }

    private Trace traceOn(SchemaDump dump, List<Migration> pending) {
        PgConnection server = servers.forMajor(dump.serverMajor());
        try {
            turns.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Trace.notRun("interrupted while waiting for a turn on the trace server");
        }
        long start = System.nanoTime();
        try (SchemaCopy copy = copies.load(dump, server); Connection conn = copy.connect()) {
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
                    MigrationTrace trace = migration.transactional() ? traced(conn, copy, migration) : untraced(conn, copy, migration);
                    if (trace.outcome() != MigrationTrace.Outcome.TRACED && trace.outcome() != MigrationTrace.Outcome.NOT_TRANSACTIONAL) {
                        failedBefore = "not tried: " + migration.label() + " could not be traced before it";
                    }
                    traces.add(trace);
                }
            } finally {
                if (!conn.isClosed()) {
                    try {
                        conn.rollback();
                    } catch (SQLException e) {
                        // a session ended by the watchdog: the copy is dropped with whatever it held
                    }
                }
            }
            return new Trace(traces, Duration.ofNanos(System.nanoTime() - start), null, copy.eventTriggersLeftOut() == 0 ? List.of()
                    : List.of(copy.eventTriggersLeftOut() + (copy.eventTriggersLeftOut() == 1 ? " event trigger" : " event triggers")
                    + " (only a superuser may create one; DDL here fires none)"));
        } catch (BackupException e) {
            return Trace.notRun(e.getMessage());
        } catch (SQLException e) {
            return Trace.notRun("the schema copy could not be used: " + e.getMessage());
        } finally {
            turns.release();
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    private MigrationTrace traced(Connection conn, SchemaCopy copy, Migration migration) throws SQLException {
        Map<Long, Table> existing;
        try (CatalogView ignored = CatalogView.open(conn)) {
            existing = tables(conn);
        }
        List<StatementTrace> statements = new ArrayList<>();
        for (SqlStatement statement : migration.up().statements()) {
            String location = migration.up().locate(statement);
            AtomicBoolean ended = new AtomicBoolean();
            try {
                statements.add(traceOne(conn, statement, location, existing, () -> ended(copy, ended)));
            } catch (SQLException e) {
                return new MigrationTrace(migration.version().toString(), outcomeOf(e, ended.get()), statements, location, e.getMessage());
            }
        }
        return new MigrationTrace(migration.version().toString(), MigrationTrace.Outcome.TRACED, statements, null, null);
    }

    /**
     * Runs a migration that cannot run in a transaction for its effect on the schema, inside the trace's
     * transaction: CONCURRENTLY dropped (same result on a copy without rows), maintenance skipped.
     */
    private MigrationTrace untraced(Connection conn, SchemaCopy copy, Migration migration) {
        for (SqlStatement statement : migration.up().statements()) {
            String normalized = statement.normalized();
            if (MAINTENANCE.matcher(normalized).find()) {
                continue;
            }
            String sql = CONCURRENT_DDL.matcher(normalized).find()
                    ? statement.sql().replaceAll("(?i)\\s+CONCURRENTLY\\b", "") : statement.sql();
            AtomicBoolean ended = new AtomicBoolean();
            try {
                execute(conn, sql, () -> ended(copy, ended));
            } catch (SQLException e) {
                return new MigrationTrace(migration.version().toString(), NOT_IN_TRANSACTION.equals(e.getSQLState())
                        ? MigrationTrace.Outcome.UNTRACEABLE : outcomeOf(e, ended.get()), List.of(), migration.up().locate(statement),
                        e.getMessage());
            }
        }
        return new MigrationTrace(migration.version().toString(), MigrationTrace.Outcome.NOT_TRANSACTIONAL, List.of(), null, null);
    }

    private static void ended(SchemaCopy copy, AtomicBoolean ended) {
        ended.set(true);
        copy.terminateSessions();
    }

    /**
     * Runs one statement from the repository; one that outlives its cancellation (a loop that catches it, a
     * statement_timeout it set to 0) has its session ended.
     */
    private void execute(Connection conn, String sql, Runnable endSession) throws SQLException {
        ScheduledFuture<?> deadline = watchdog.schedule(endSession, HARD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        try (Statement st = conn.createStatement()) {
            st.setQueryTimeout((int) STATEMENT_LIMIT.toSeconds());
            st.execute(sql);
        } finally {
            deadline.cancel(false);
        }
    }

    /** Over the time limit is not a failure of the migration: on an empty copy it says nothing about the target. */
    private static MigrationTrace.Outcome outcomeOf(SQLException e, boolean ended) {
        if (ended || QUERY_CANCELED.equals(e.getSQLState())) {
            return MigrationTrace.Outcome.TIMED_OUT;
        }
        return INSUFFICIENT_PRIVILEGE.equals(e.getSQLState()) ? MigrationTrace.Outcome.NEEDS_PRIVILEGE : MigrationTrace.Outcome.FAILED;
    }

    private StatementTrace traceOne(Connection conn, SqlStatement statement, String location, Map<Long, Table> existing,
                                    Runnable endSession) throws SQLException {
        Map<Long, Long> filesBefore;
        Set<HeldLock> locksBefore;
        Set<Long> constraintsBefore;
        Set<Long> indexesBefore;
        Set<Long> indexFilesBefore;
        try (CatalogView ignored = CatalogView.open(conn)) {
            filesBefore = relfilenodes(conn, existing);
            locksBefore = locks(conn, existing);
            // all of them: VALIDATE CONSTRAINT turns an existing one valid without blocking writes, which is no finding
            constraintsBefore = oids(conn, "SELECT oid FROM pg_constraint");
            indexesBefore = oids(conn, INDEXES);
            indexFilesBefore = column(conn, INDEXES, 4);
        }
        long start = System.nanoTime();
        execute(conn, statement.sql(), endSession);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        try (CatalogView ignored = CatalogView.open(conn)) {
            return traced(conn, location, existing, took, filesBefore, locksBefore, constraintsBefore, indexesBefore, indexFilesBefore);
        }
    }

    private static StatementTrace traced(Connection conn, String location, Map<Long, Table> existing, Duration took,
                                         Map<Long, Long> filesBefore, Set<HeldLock> locksBefore, Set<Long> constraintsBefore,
                                         Set<Long> indexesBefore, Set<Long> indexFilesBefore) throws SQLException {

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
