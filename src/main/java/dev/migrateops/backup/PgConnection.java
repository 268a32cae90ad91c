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
        Properties parsed = Driver.parseURL(target.jdbcUrl(), new Properties());
        if (parsed == null) {
            throw new BackupException("the target's jdbc-url is not a PostgreSQL JDBC URL");
        }
        String user = target.username() != null ? target.username() : parsed.getProperty("user");
        String password = target.password() != null ? target.password() : parsed.getProperty("password");
        return new PgConnection(parsed.getProperty("PGHOST", "localhost").split(",")[0],
                Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]),
                parsed.getProperty("PGDBNAME"), user, password, target.jdbcUrl(), "migrateops-backup");
    }

    /** The same server, another database (a scratch copy). */
    public PgConnection withDatabase(String name) {
        Matcher m = DATABASE_IN_URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new BackupException("cannot derive a scratch database URL from the target's jdbc-url");
        }
        return new PgConnection(host, port, name, user, password, m.group(1) + name + m.group(3), applicationName);
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
