package dev.migrateops.backup;

import dev.migrateops.config.BackupProperties;
import dev.migrateops.engine.Progress;
import dev.migrateops.engine.SqlIdentifiers;
import dev.migrateops.engine.TargetDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes backups with pg_dump, proves they restore, and restores them. The row counts are taken in the
 * very snapshot pg_dump dumps ({@code pg_export_snapshot}), so a restore check compares like with like
 * even while the target keeps taking writes.
 */
public final class BackupService {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);

    private final BackupProperties settings;
    private final PgTools tools;
    private final Clock clock;

    public BackupService(BackupProperties settings, Clock clock) {
        this.settings = settings;
        this.tools = new PgTools(settings.binDir());
        this.clock = clock;
    }

    public PgTools tools() {
        return tools;
    }

    /** Scratch databases are named after their run, so that what a stopped bot left behind can be found. */
    static String scratchPrefix(Long runId) {
        return "migrateops_scratch_" + (runId == null ? "adhoc" : "run" + runId) + "_";
    }

    /**
     * Removes what a run's backup step left behind when its bot stopped mid-step: scratch databases on the
     * target's server, and dump files in the backup directory that were never registered. Returns what it
     * removed, one line each.
     */
    public List<String> removeLeftoversOf(TargetDatabase target, long runId, Set<Path> registered) {
        List<String> removed = new ArrayList<>();
        try (Connection conn = target.connection(); Statement st = conn.createStatement();
             var ps = conn.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ? ESCAPE '!'")) {
            ps.setString(1, scratchPrefix(runId).replace("_", "!_") + "%");
            List<String> scratches = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    scratches.add(rs.getString(1));
                }
            }
            for (String scratch : scratches) {
                ScratchDatabases.drop(st, scratch);
                removed.add("scratch database " + scratch);
            }
        } catch (SQLException e) {
            removed.add("(could not look for scratch databases on " + target.name() + ": " + e.getMessage() + ")");
        }
        Path dir = settings.dir().resolve(target.name());
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(target.name() + "-run" + runId + "-")).toList()) {
                    if (!registered.contains(file.toAbsolutePath().normalize())) {
                        Files.deleteIfExists(file);
                        removed.add("unregistered file " + file.getFileName());
                    }
                }
            } catch (IOException e) {
                removed.add("(could not look for unregistered files in " + dir + ": " + e.getMessage() + ")");
            }
        }
        return removed;
    }

    /** How the tools reach the target, their sessions named after this instance and the run (or "backup"). */
    private static PgConnection tools(TargetDatabase target, Long runId) {
        return PgConnection.of(target.settings()).named(target.applicationName() + "/" + (runId == null ? "backup" : "run-" + runId));
    }

    /** pg_dump -Fc of the target with row counts from the same snapshot, plus its schema as SQL. */
    public BackupArtifact take(TargetDatabase target, Long runId, BackupListener listener) {
        PgConnection pg = tools(target, runId);
        Instant now = clock.instant();
        String base = target.name() + (runId == null ? "-adhoc" : "-run" + runId) + "-" + STAMP.format(now);
        Path dir = settings.dir().resolve(target.name());
        Path file = dir.resolve(base + ".dump");
        Path schema = dir.resolve(base + ".schema.sql");
        try (Connection conn = target.connection()) {
            Files.createDirectories(dir);
            tools.checkAgainst(serverVersion(conn));
            conn.setAutoCommit(false);
            conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            String snapshot = single(conn, "SELECT pg_export_snapshot()");
            long databaseSize = Long.parseLong(single(conn, "SELECT pg_database_size(current_database())"));
            long started = System.nanoTime();
            LongFunction<Progress> written = bytes -> new Progress(Progress.Work.BACKUP, pg.database(), "", 0, 0, bytes, 0,
                    Progress.Unit.BYTES, databaseSize, Duration.ofNanos(System.nanoTime() - started), null, false);
            CompletableFuture<PgProcess.Result> dump = CompletableFuture.supplyAsync(() -> PgProcess.run(
                    command(tools.pgDump(), pg, "--format=custom", "--snapshot=" + snapshot, "--file=" + file, pg.database()),
                    pg.environment(), settings.timeout(), file, bytes -> listener.progressed(written.apply(bytes))));
            Map<String, Long> counts = TableStatistics.rowCounts(conn);
            Map<String, Long> changes = TableStatistics.changeCounts(conn);
            PgProcess.Result dumped = join(dump);
            conn.commit();
            listener.progressed(written.apply(Files.size(file)).finishedAfter(dumped.took()));
            // the schema-only file comes from the dump itself: no second pass over the target
            PgProcess.run(List.of(tools.pgRestore(), "--schema-only", "--file=" + schema, file.toString()), Map.of(),
                    settings.timeout(), null, bytes -> { });
            return new BackupArtifact(null, target.name(), runId, file, schema, Files.size(file), sha256(file), counts, changes,
                    now, null, null, dumped.stderr());
        } catch (SQLException e) {
            throw new BackupException("could not back up " + target.name() + " (" + target.description() + "): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BackupException("could not write the backup under " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Proves a backup: not empty, unchanged since it was written, readable by pg_restore, and — when
     * asked — restored into a scratch database with the same row counts, where the rehearsal then runs.
     */
    public Verification verify(BackupArtifact backup, TargetDatabase target, boolean restoreCheck, Optional<Rehearsal> rehearsal) {
        long start = System.nanoTime();
        List<String> failures = new ArrayList<>();
        try {
            if (!Files.isRegularFile(backup.path()) || Files.size(backup.path()) == 0) {
                return failed(List.of("the backup file " + backup.path().getFileName() + " is missing or empty"), start);
            }
            if (!sha256(backup.path()).equals(backup.sha256())) {
                return failed(List.of("the backup file changed after it was written (sha256 differs)"), start);
            }
        } catch (IOException e) {
            return failed(List.of("cannot read the backup file: " + e.getMessage()), start);
        }
        try {
            PgProcess.run(List.of(tools.pgRestore(), "--list", backup.path().toString()), Map.of(), settings.timeout(), null, b -> { });
        } catch (BackupException e) {
            return failed(List.of("pg_restore cannot read it: " + e.getMessage()), start);
        }
        if (!restoreCheck) {
            return new Verification(List.of(), "pg_restore reads it (no restore check)", null, since(start), Map.of());
        }
        String scratch = scratchPrefix(backup.runId()) + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PgConnection copy = tools(target, backup.runId()).withDatabase(scratch);
        try (Connection conn = target.connection()) {
            try (Statement st = conn.createStatement()) {
                st.execute("CREATE DATABASE " + SqlIdentifiers.quote(scratch));
            } catch (SQLException e) {
                return failed(List.of("the restore check needs a scratch database on the target's server and could not create "
                        + "one (" + e.getMessage() + "): grant CREATEDB, or set migrateops.backup.restore-check: off"), start);
            }
            try {
                PgProcess.run(command(tools.pgRestore(), copy, "--no-owner", "--no-acl", "--exit-on-error",
                        "--dbname=" + scratch, backup.path().toString()), copy.environment(), settings.timeout(), null, b -> { });
                Map<String, Long> restored;
                try (Connection scratchConn = connect(copy)) {
                    restored = TableStatistics.rowCounts(scratchConn);
                }
                compare(backup.rowCounts(), restored, failures);
                if (!failures.isEmpty()) {
                    return failed(failures, start);
                }
                String summary = "restore check: row counts match (" + restored.size() + " tables)";
                String rehearsed = null;
                if (rehearsal.isPresent()) {
                    try {
                        rehearsed = rehearsal.get().rehearse(copy);
                    } catch (BackupException e) {
                        return new Verification(List.of("rehearsal failed: " + e.getMessage()), summary, e.getMessage(), since(start), restored);
                    }
                }
                return new Verification(List.of(), summary, rehearsed, since(start), restored);
            } catch (BackupException e) {
                return failed(List.of("the restore check failed: " + e.getMessage()), start);
            } finally {
                try (Statement st = conn.createStatement()) {
                    ScratchDatabases.drop(st, scratch);
                }
            }
        } catch (SQLException e) {
            return failed(List.of("the restore check could not use " + target.name() + "'s server: " + e.getMessage()), start);
        }
    }

    /**
     * Restores a backup into its target in one transaction: objects created since the backup (any kind, see
     * {@link RestoreCleanup}) are dropped and
     * everything in the dump is replaced. pg_restore first writes the whole script to a file, so a dump it
     * cannot read fails before the target is touched; psql then runs it with {@code --single-transaction},
     * so if anything fails, nothing changes.
     */
    public Restored restore(BackupArtifact backup, TargetDatabase target) {
        return restore(backup, target, BackupListener.NONE);
    }

    /** As {@link #restore(BackupArtifact, TargetDatabase)}, telling every few seconds which table it loads. */
    public Restored restore(BackupArtifact backup, TargetDatabase target, BackupListener listener) {
        PgConnection pg = tools(target, backup.runId());
        long start = System.nanoTime();
        try (Connection conn = target.connection()) {
            tools.checkAgainst(serverVersion(conn));
            RestoreCheck check = new RestoreCheck(tools, pg, backup, settings.dir(), settings.timeout());
            List<String> unremovable = check.unremovable();
            if (!unremovable.isEmpty()) {
                throw new BackupException("the restore was not started, as it could not be exact: " + target.name() + " holds what the"
                        + " backup does not and a restore cannot remove (" + String.join(", ", unremovable) + "); drop that first");
            }
            String listing = listing(backup);
            List<RestoreCleanup.Drop> drops = RestoreCleanup.dropsFor(listing, conn);
            RestoreProgress progress = new RestoreProgress(pg, RestoreProgress.tablesWithData(listing), backup.rowCounts(), start);
            // the script holds the data uncompressed: keep it beside the backups, not in /tmp (mode 600 either way)
            Files.createDirectories(settings.dir());
            Path dropFile = Files.createTempFile(settings.dir(), "restore-drops-", ".sql");
            Path script = Files.createTempFile(settings.dir(), "restore-", ".sql");
            try {
                Files.writeString(dropFile, drops.stream().map(RestoreCleanup.Drop::statement).collect(Collectors.joining("\n")) + "\n");
                // grants come back too (Supabase's anon and authenticated live by them); owners stay the restoring role's
                PgProcess.run(List.of(tools.pgRestore(), "--clean", "--if-exists", "--no-owner", "--file=" + script,
                        backup.path().toString()), Map.of(), settings.timeout(), null, b -> { });
                List<String> psql = new ArrayList<>(List.of(tools.psql(), "-X", "-q", "--single-transaction", "-v", "ON_ERROR_STOP=1"));
                psql.addAll(pg.args());
                psql.addAll(List.of("--dbname=" + pg.database(), "--file=" + dropFile, "--file=" + script));
                PgProcess.run(psql, quiet(pg.environment()), settings.timeout(),
                        () -> progress.now(target).ifPresent(listener::progressed));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                progress.last().ifPresent(p -> listener.progressed(p.finishedAfter(took)));
                return new Restored(took, drops.stream().filter(RestoreCleanup.Drop::removes).map(RestoreCleanup.Drop::what).toList(),
                        check.differences(conn));
            } finally {
                Files.deleteIfExists(dropFile);
                Files.deleteIfExists(script);
            }
        } catch (SQLException e) {
            throw new BackupException("could not prepare the restore of " + target.name() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BackupException("could not prepare the restore: " + e.getMessage(), e);
        }
    }

    /** psql's NOTICEs ("drop cascades to …") are noise in a channel; warnings and errors still reach stderr. */
    private static Map<String, String> quiet(Map<String, String> environment) {
        Map<String, String> quiet = new java.util.HashMap<>(environment);
        quiet.put("PGOPTIONS", "-c client_min_messages=warning");
        return quiet;
    }

    private String listing(BackupArtifact backup) throws IOException {
        Path toc = Files.createTempFile("migrateops-toc", ".txt");
        try {
            PgProcess.run(List.of(tools.pgRestore(), "--list", "--file=" + toc, backup.path().toString()), Map.of(),
                    settings.timeout(), null, b -> { });
            return Files.readString(toc);
        } finally {
            Files.deleteIfExists(toc);
        }
    }

    /** What a restore would lose: per table, rows and writes since the backup, as far as PostgreSQL can tell. */
    public List<String> lossesSince(BackupArtifact backup, TargetDatabase target) {
        List<String> losses = new ArrayList<>();
        try (Connection conn = target.connection()) {
            Map<String, Long> counts = TableStatistics.rowCounts(conn);
            Map<String, Long> changes = TableStatistics.changeCounts(conn);
            for (var entry : counts.entrySet()) {
                if (entry.getKey().startsWith("migrateops.")) {
                    continue;
                }
                long rowDelta = entry.getValue() - backup.rowCounts().getOrDefault(entry.getKey(), 0L);
                long writes = changes.getOrDefault(entry.getKey(), 0L) - backup.changeCounts().getOrDefault(entry.getKey(), 0L);
                if (rowDelta != 0 || writes > 0) {
                    losses.add(entry.getKey() + ": " + (rowDelta >= 0 ? "+" : "") + rowDelta + " rows, " + Math.max(0, writes)
                            + " writes since the backup");
                }
            }
        } catch (SQLException e) {
            losses.add("could not compare with the live database: " + e.getMessage());
        }
        return losses;
    }

    private static void compare(Map<String, Long> dumped, Map<String, Long> restored, List<String> failures) {
        dumped.forEach((table, rows) -> {
            Long back = restored.get(table);
            if (back == null) {
                failures.add(table + " is missing from the restored copy");
            } else if (!back.equals(rows)) {
                failures.add(table + " has " + back + " rows restored, " + rows + " dumped");
            }
        });
    }

    static List<String> command(String tool, PgConnection pg, String... args) {
        List<String> command = new ArrayList<>(List.of(tool));
        command.addAll(pg.args());
        command.addAll(List.of(args));
        return command;
    }

    static Connection connect(PgConnection pg) throws SQLException {
        Properties props = new Properties();
        if (pg.user() != null) {
            props.setProperty("user", pg.user());
        }
        if (pg.password() != null) {
            props.setProperty("password", pg.password());
        }
        return DriverManager.getConnection(pg.jdbcUrl(), props);
    }

    private static int serverVersion(Connection conn) throws SQLException {
        return Integer.parseInt(single(conn, "SHOW server_version_num"));
    }

    private static String single(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static PgProcess.Result join(CompletableFuture<PgProcess.Result> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof BackupException b ? b : new BackupException(e.getCause().getMessage(), e.getCause());
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private Verification failed(List<String> failures, long start) {
        return new Verification(failures, "verification failed", null, since(start), Map.of());
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
