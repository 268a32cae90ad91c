package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.SqlScript;
import dev.migrateops.catalog.TouchedTables;
import dev.migrateops.text.Plural;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live target's state that would make a migration fail or stall, checked before approval (as a preview)
 * and again right before apply: who can do what, what is running, what is locked, room for the backup,
 * replicas keeping up — and each pending migration's {@code .check.sql}, so rows the run would reject show
 * on the card before anyone approves. A check query that cannot run fails, never passes.
 */
public final class PreCheckRunner {

    private final FindingQueries findingQueries = new FindingQueries();

    static final Duration REPLICATION_LAG = Duration.ofSeconds(30);

    private final Duration longTransaction;

    private static final Logger log = LoggerFactory.getLogger(PreCheckRunner.class);

    public PreCheckRunner() {
        this(Duration.ofMinutes(1));
    }

    /** @param longTransaction transactions open longer than this are reported */
    public PreCheckRunner(Duration longTransaction) {
        this.longTransaction = longTransaction;
    }

    /** How a migration's {@code .check.sql} is run: on the run's own session after approval, with least privilege before. */
    interface ScriptCheck {
        PreCheck check(Migration migration, SqlScript script);
    }

    /**
     * @param backupDir where the backup will be written, or null when the target takes none
     */
    public List<PreCheck> run(Connection conn, List<Migration> pending, Path backupDir) throws SQLException {
        return run(conn, pending, backupDir, (migration, script) -> checkQueries(conn, migration, script));
    }

    /** As {@link #run(Connection, List, Path)}, each {@code .check.sql} run as {@code scripts} says. */
    List<PreCheck> run(Connection conn, List<Migration> pending, Path backupDir, ScriptCheck scripts) throws SQLException {
        log.debug("running pre-checks for {} pending migrations", pending.size());
        Set<String> touched = new LinkedHashSet<>();
        pending.forEach(m -> touched.addAll(TouchedTables.of(m)));
        List<PreCheck> checks = new ArrayList<>();
        checks.add(server(conn));
        checks.add(privileges(conn, touched));
        checks.add(sessions(conn));
        checks.add(locks(conn, touched));
        if (backupDir != null) {
            checks.add(diskRoom(conn, backupDir));
        }
        checks.add(replication(conn));
        for (Migration migration : pending) {
            migration.check().ifPresent(script -> checks.add(scripts.check(migration, script)));
        }
        return checks;
    }

    private static PreCheck server(Connection conn) throws SQLException {
        String version = single(conn, "SHOW server_version");
        int number = Integer.parseInt(single(conn, "SHOW server_version_num"));
        return SupportedVersions.refusal(number, version).map(why -> new PreCheck("connection", PreCheck.Status.FAIL, why))
                .orElseGet(() -> new PreCheck("connection", PreCheck.Status.PASS, "PostgreSQL " + version));
    }

    /** DDL needs ownership of the table; the role must own (or be a member of the owner of) each touched table. */
    private static PreCheck privileges(Connection conn, Set<String> touched) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT c.oid::regclass::text, pg_get_userbyid(c.relowner),"
                + " pg_has_role(current_user, c.relowner, 'USAGE') OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
                + " FROM pg_class c WHERE c.oid = to_regclass(?)")) {
            for (String table : touched) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !rs.getBoolean(3)) {
                        missing.add(rs.getString(1) + " (owned by " + rs.getString(2) + ")");
                    }
                }
            }
        }
        String role = single(conn, "SELECT current_user");
        return missing.isEmpty()
                ? new PreCheck("privileges", PreCheck.Status.PASS, role + " may alter the " + Plural.of(touched.size(), "touched table"))
                : new PreCheck("privileges", PreCheck.Status.FAIL, role + " does not own " + String.join(", ", missing)
                + ": ALTER/INDEX need the owner's role; grant it or run as the owner");
    }

    /** The pre-check's name for a migration's check script. */
    static String checkName(Migration migration) {
        return migration.version() + ".check.sql";
    }

    PreCheck checkQueries(Connection conn, Migration migration, SqlScript script) {
        String name = checkName(migration);
        try {
            List<FindingQueries.Finding> found = findingQueries.run(conn, script);
            return found.isEmpty() ? new PreCheck(name, PreCheck.Status.PASS, "its queries found nothing")
                    : new PreCheck(name, PreCheck.Status.FAIL, String.join("\n", found.stream().map(FindingQueries.Finding::describe).toList()));
        } catch (SQLException e) {
            return new PreCheck(name, PreCheck.Status.FAIL, "could not run it: " + e.getMessage());
        }
    }

    /** Long transactions and idle-in-transaction sessions hold locks that DDL and CONCURRENTLY builds wait for. */
    private PreCheck sessions(Connection conn) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pid, state, coalesce(application_name, ''), extract(epoch FROM now() - xact_start)::bigint"
                     + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                     + " AND xact_start < now() - interval '" + longTransaction.toMillis() + " milliseconds' ORDER BY xact_start")) {
            while (rs.next()) {
                found.add("pid " + rs.getInt(1) + " " + rs.getString(2) + " for " + rs.getLong(4) + " s"
                        + (rs.getString(3).isEmpty() ? "" : " (" + rs.getString(3) + ")"));
            }
        }
        return found.isEmpty() ? new PreCheck("sessions", PreCheck.Status.PASS, "no transaction open longer than "
                + longTransaction.toSeconds() + " s")
                : new PreCheck("sessions", PreCheck.Status.WARN, Plural.of(found.size(), "long transaction") + ": " + String.join("; ", found)
                + " — DDL and CONCURRENTLY builds wait for them (MigrateOps retries within its lock budget)");
    }

    private static PreCheck locks(Connection conn, Set<String> touched) throws SQLException {
        List<String> held = new ArrayList<>();
        boolean exclusive = false;
        try (PreparedStatement ps = conn.prepareStatement("SELECT l.pid, l.mode, coalesce(a.application_name, '') FROM pg_locks l"
                + " LEFT JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.relation = to_regclass(?) AND l.granted"
                + " AND l.pid <> pg_backend_pid()")) {
            for (String table : touched) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        exclusive |= rs.getString(2).equals("AccessExclusiveLock");
                        held.add(table + ": pid " + rs.getInt(1) + " holds " + rs.getString(2)
                                + (rs.getString(3).isEmpty() ? "" : " (" + rs.getString(3) + ")"));
                    }
                }
            }
        }
        if (held.isEmpty()) {
            return new PreCheck("locks on touched tables", PreCheck.Status.PASS, "none held");
        }
        return new PreCheck("locks on touched tables", exclusive ? PreCheck.Status.FAIL : PreCheck.Status.WARN, String.join("; ", held));
    }

    private static PreCheck diskRoom(Connection conn, Path backupDir) throws SQLException {
        long size = Long.parseLong(single(conn, "SELECT pg_database_size(current_database())"));
        try {
            Path existing = backupDir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.toAbsolutePath().getParent();
            }
            long free = Files.getFileStore(existing == null ? Path.of(".") : existing).getUsableSpace();
            String detail = String.format("%.1f GB free for a %.1f GB database", free / 1e9, size / 1e9);
            return free >= size ? new PreCheck("disk room for the backup", PreCheck.Status.PASS, detail)
                    : new PreCheck("disk room for the backup", free >= size / 10 ? PreCheck.Status.WARN : PreCheck.Status.FAIL,
                    detail + " — a compressed dump is usually smaller, but the restore script is not");
        } catch (IOException e) {
            return new PreCheck("disk room for the backup", PreCheck.Status.WARN, "cannot tell: " + e.getMessage());
        }
    }

    private static PreCheck replication(Connection conn) throws SQLException {
        List<String> lagging = new ArrayList<>();
        int replicas = 0;
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(application_name, client_addr::text, '?'),"
                     + " coalesce(extract(epoch FROM replay_lag), 0) FROM pg_stat_replication")) {
            while (rs.next()) {
                replicas++;
                if (rs.getDouble(2) > REPLICATION_LAG.toSeconds()) {
                    lagging.add(rs.getString(1) + " " + Math.round(rs.getDouble(2)) + " s behind");
                }
            }
        }
        if (replicas == 0) {
            return new PreCheck("replication lag", PreCheck.Status.PASS, "no replicas attached");
        }
        return lagging.isEmpty() ? new PreCheck("replication lag", PreCheck.Status.PASS, Plural.of(replicas, "replica") + " within "
                + REPLICATION_LAG.toSeconds() + " s")
                : new PreCheck("replication lag", PreCheck.Status.WARN, String.join("; ", lagging)
                + " — a large rewrite now would widen the gap");
    }

    private static String single(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
