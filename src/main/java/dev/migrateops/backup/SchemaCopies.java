package dev.migrateops.backup;

import dev.migrateops.engine.SqlIdentifiers;
import dev.migrateops.engine.TargetDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a target's schema onto a trace server, where migrations are tried before anyone approved them. The target is
 * only read (pg_dump, with the target's credentials, run by MigrateOps); what the repository wrote runs on the copy
 * alone, as the copy's unprivileged owner. Extensions the schema uses are created by the trace server's superuser (the
 * owner may not), and those that reach other servers (dblink, postgres_fdw) are left unusable.
 */
public final class SchemaCopies {

    private static final Logger log = LoggerFactory.getLogger(SchemaCopies.class);

    /** Prefix of the databases and roles of copies. */
    static final String PREFIX = "migrateops_trace_";
    /** Extensions whose functions open connections to other servers: not executable on a copy. */
    private static final Set<String> OUTBOUND = Set.of("dblink", "postgres_fdw");
    private static final Duration LOCK_WAIT = Duration.ofSeconds(5);
    private static final Pattern MADE_AT = Pattern.compile("made by MigrateOps at (\\S+)");
    /** pg_dump writes each schema's creation as one such line. */
    private static final Pattern CREATE_SCHEMA = Pattern.compile("(?m)^CREATE SCHEMA ");
    /** pg_dump writes an event trigger as one statement from this line to its EXECUTE FUNCTION …(); */
    private static final Pattern EVENT_TRIGGER = Pattern.compile("(?ms)^CREATE EVENT TRIGGER .*?\\);\\s*$");

    /** How psql names a line of its script: a path on the bot's host, which is nobody's business in a channel. */
    private static final Pattern PSQL_LOCATION = Pattern.compile("psql:\\S+?:(\\d+): ");

    private static final Pattern RESTRICT_KEY = Pattern.compile("(?m)^\\\\(un)?restrict .*$");

    private static final String DUPLICATE = "42710";
    private static final String UNIQUE_VIOLATION = "23505";

    private final PgTools tools;
    private final Duration timeout;
    private final Clock clock;

    public SchemaCopies(PgTools tools, Duration timeout, Clock clock) {
        this.tools = tools;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The target's schema, read with pg_dump; a table locked for longer than a few seconds stops it, saying which. */
    public SchemaDump dump(TargetDatabase target) {
        PgConnection pg = PgConnection.of(target.settings()).named(target.applicationName() + "/schema-copy");
        int version;
        List<SchemaDump.Extension> extensions = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        try (Connection conn = target.connection(); Statement st = conn.createStatement()) {
            try (ResultSet rs = st.executeQuery("SHOW server_version_num")) {
                rs.next();
                version = rs.getInt(1);
            }
            tools.checkAgainst(version);
            try (ResultSet rs = st.executeQuery("SELECT rolname FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY rolname")) {
                while (rs.next()) {
                    roles.add(rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n"
                    + " ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY e.oid")) {
                while (rs.next()) {
                    extensions.add(new SchemaDump.Extension(rs.getString(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new BackupException("cannot read " + target.name() + "'s schema: " + e.getMessage(), e);
        }
        Path file = null;
        try {
            file = Files.createTempFile("migrateops-schema-", ".sql");
            PgProcess.run(BackupService.command(tools.pgDump(), pg, "--schema-only", "--no-owner", "--no-acl", "--no-comments",
                            // a migration holding a table's lock must not hold up a plan: give up instead, and say so
                            "--lock-wait-timeout=" + LOCK_WAIT.toMillis(), "--file=" + file, pg.database()),
                    pg.environment(), timeout, null, b -> { });
            // pg_dump guards each plain dump with a fresh random \\restrict key: not part of the schema
            String schema = RESTRICT_KEY.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll("");
            String sha256 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(schema.getBytes(StandardCharsets.UTF_8)));
            return new SchemaDump(file, sha256, List.copyOf(extensions), version / 10000, List.copyOf(roles));
        } catch (IOException | java.security.NoSuchAlgorithmException | RuntimeException e) {
            deleteQuietly(file);
            throw e instanceof BackupException backup ? backup : new BackupException("cannot copy " + target.name() + "'s schema: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A new database on the trace server, owned by a new role that holds no privilege beyond it, with the dump loaded
     * as that role. The caller closes it.
     */
    public SchemaCopy load(SchemaDump dump, PgConnection server) {
        String schema;
        try {
            // the schemas of extensions exist already (the superuser made them, for the extensions)
            schema = CREATE_SCHEMA.matcher(Files.readString(dump.file(), StandardCharsets.UTF_8)).replaceAll("CREATE SCHEMA IF NOT EXISTS ");
        } catch (IOException e) {
            throw new BackupException("cannot read the schema dump: " + e.getMessage(), e);
        }
        // event triggers are a superuser's to create: the copy goes without them, and says so
        int eventTriggers = (int) EVENT_TRIGGER.matcher(schema).results().count();
        String name = PREFIX + RandomSecrets.token(9).toLowerCase().replace('-', '0').replace('_', '0');
        PgConnection owner = server.withDatabase(name).as(name, RandomSecrets.token(24)).named("migrateops-trace");
        try (Connection conn = BackupService.connect(server); Statement st = conn.createStatement()) {
            dropForgottenCopies(conn);
            st.execute("CREATE ROLE " + SqlIdentifiers.quote(name) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                    + " NOBYPASSRLS CONNECTION LIMIT 5 PASSWORD '" + owner.password() + "'");
            st.execute("CREATE DATABASE " + SqlIdentifiers.quote(name) + " OWNER " + SqlIdentifiers.quote(name));
            st.execute("COMMENT ON DATABASE " + SqlIdentifiers.quote(name) + " IS 'made by MigrateOps at " + clock.instant() + "'");
        } catch (SQLException e) {
            throw new BackupException("cannot make a schema copy on the trace server: " + e.getMessage(), e);
        }
        SchemaCopy copy = new SchemaCopy(server, owner, eventTriggers);
        Path script = null;
        try {
            prepare(server.withDatabase(name), name, dump);
            script = Files.createTempFile("migrateops-schema-", ".sql");
            Files.writeString(script, EVENT_TRIGGER.matcher(schema).replaceAll(""), StandardCharsets.UTF_8);
            List<String> psql = new ArrayList<>(List.of(tools.psql(), "-X", "-q", "-v", "ON_ERROR_STOP=1"));
            psql.addAll(owner.args());
            psql.addAll(List.of("--dbname=" + name, "--file=" + script));
            PgProcess.run(psql, owner.environment(), timeout, null, b -> { });
            return copy;
        } catch (IOException | SQLException | RuntimeException e) {
            copy.close();
            throw new BackupException("the schema could not be loaded by an unprivileged role on the trace server: "
                    + (e instanceof BackupException ? PSQL_LOCATION.matcher(e.getMessage().replaceFirst("^\\S*psql failed \\(exit \\d+\\): ", ""))
                    .replaceAll("line $1 of the schema: ") : e.getMessage()), e);
        } finally {
            deleteQuietly(script);
        }
    }

    /**
     * As the trace server's superuser: nobody else may connect, the target's roles exist (without login, attributes or
     * membership: policies and grants name them), the extensions exist, the outbound ones cannot be used.
     */
    private static void prepare(PgConnection scratch, String owner, SchemaDump dump) throws SQLException {
        try (Connection conn = BackupService.connect(scratch); Statement st = conn.createStatement()) {
            st.execute("REVOKE ALL ON DATABASE " + SqlIdentifiers.quote(owner) + " FROM PUBLIC");
            mirrorRoles(conn, dump.roles());
            for (SchemaDump.Extension extension : dump.extensions()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + SqlIdentifiers.quote(extension.schema()) + " AUTHORIZATION "
                        + SqlIdentifiers.quote(owner));
                try {
                    st.execute("CREATE EXTENSION IF NOT EXISTS " + SqlIdentifiers.quote(extension.name()) + " WITH SCHEMA "
                            + SqlIdentifiers.quote(extension.schema()));
                } catch (SQLException e) {
                    throw new SQLException("the extension " + extension.name() + " is not available on the trace server ("
                            + e.getMessage() + ")", e);
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT p.oid::regprocedure::text FROM pg_extension e"
                    + " JOIN pg_depend d ON d.refclassid = 'pg_extension'::regclass AND d.refobjid = e.oid AND d.deptype = 'e'"
                    + " AND d.classid = 'pg_proc'::regclass JOIN pg_proc p ON p.oid = d.objid WHERE e.extname = ANY (?)")) {
                ps.setArray(1, conn.createArrayOf("text", OUTBOUND.toArray()));
                List<String> functions = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        functions.add(rs.getString(1));
                    }
                }
                for (String function : functions) {
                    st.execute("REVOKE ALL ON FUNCTION " + function + " FROM PUBLIC");
                }
            }
        }
    }

    /** Each role, as a name only: no login, no attribute, no membership. One another copy made meanwhile is kept. */
    private static void mirrorRoles(Connection conn, List<String> roles) throws SQLException {
        try (PreparedStatement exists = conn.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?");
             Statement st = conn.createStatement()) {
            for (String role : roles) {
                exists.setString(1, role);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                try {
                    st.execute("CREATE ROLE " + SqlIdentifiers.quote(role) + " NOLOGIN");
                } catch (SQLException e) {
                    if (!DUPLICATE.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Copies older than an hour (a trace takes seconds) on an operator's trace server were left by a stopped bot. */
    private void dropForgottenCopies(Connection conn) throws SQLException {
        List<String> forgotten = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database"
                + " WHERE datname LIKE ? ESCAPE '!'")) {
            ps.setString(1, PREFIX.replace("_", "!_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Matcher made = MADE_AT.matcher(String.valueOf(rs.getString(2)));
                    if (made.find() && Instant.parse(made.group(1)).isBefore(clock.instant().minus(Duration.ofHours(1)))) {
                        forgotten.add(rs.getString(1));
                    }
                }
            }
        }
        for (String copy : forgotten) {
            try (Statement st = conn.createStatement()) {
                ScratchDatabases.drop(st, copy);
                st.execute("DROP ROLE IF EXISTS " + SqlIdentifiers.quote(copy));
                log.info("dropped the schema copy {}, left behind by a stopped instance", copy);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a schema without data, in the temporary directory: nothing secret is left behind
            }
        }
    }
}
