package dev.migrateops.backup;

import dev.migrateops.config.TargetProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * How pg_dump and pg_restore reach a target. The password travels in the child's environment
 * ({@code PGPASSWORD}), never on its command line, where {@code ps} would show it. The tools' sessions
 * carry an {@code application_name} that names the instance (and run), like the bot's own, so another
 * instance can end them when this one died.
 */
public record PgConnection(String host, int port, String database, String user, String password, String jdbcUrl,
                           String applicationName) {

    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]*)(.*)$");

    public static PgConnection of(TargetProperties target) {
        return of(target.jdbcUrl(), target.username(), target.password());
    }

    /** A server given by its JDBC URL; the user and password given win over those in the URL. */
    public static PgConnection of(String jdbcUrl, String username, String password) {
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        if (parsed == null) {
            throw new BackupException("the jdbc-url is not a PostgreSQL JDBC URL");
        }
        String user = username != null ? username : parsed.getProperty("user");
        String pass = password != null ? password : parsed.getProperty("password");
        return new PgConnection(parsed.getProperty("PGHOST", "localhost").split(",")[0],
                Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]),
                parsed.getProperty("PGDBNAME"), user, pass, jdbcUrl, "migrateops-backup");
    }

    /** The same server, another database (a scratch copy). */
    public PgConnection withDatabase(String name) {
        Matcher m = DATABASE_IN_URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new BackupException("cannot derive a scratch database URL from the target's jdbc-url");
        }
        return new PgConnection(host, port, name, user, password, m.group(1) + name + m.group(3), applicationName);
    }

    /** The same server and database, as another user. */
    public PgConnection as(String otherUser, String otherPassword) {
        return new PgConnection(host, port, database, otherUser, otherPassword,
                dev.migrateops.config.ConnectionDescriptions.withoutCredentials(jdbcUrl), applicationName);
    }

    /** The same connection, its sessions named so ({@code application_name}). */
    public PgConnection named(String name) {
        return new PgConnection(host, port, database, user, password, jdbcUrl, name);
    }

    /** {@code -h -p -U}; the database is added by the caller where the tool wants it. */
    public List<String> args() {
        List<String> args = new ArrayList<>(List.of("-h", host, "-p", String.valueOf(port)));
        if (user != null) {
            args.addAll(List.of("-U", user));
        }
        args.add("--no-password");
        return args;
    }

    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        if (password != null && !password.isEmpty()) {
            env.put("PGPASSWORD", password);
        }
        env.put("PGAPPNAME", applicationName);
        env.put("PGCONNECT_TIMEOUT", "10");
        return env;
    }

    @Override
    public String toString() {
        return "PgConnection[" + host + ":" + port + "/" + database + "]";
    }
}
