package dev.migrateops.config;

import java.util.Properties;
import org.postgresql.Driver;

/** Says where a JDBC URL points — host, port and database — and nothing more, so it is safe to show. */
public final class ConnectionDescriptions {

    private ConnectionDescriptions() {
    }

    public static String describe(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "(no jdbc-url)";
        }
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        if (parsed == null) {
            return "(not a PostgreSQL JDBC URL)";
        }
        return parsed.getProperty("PGHOST", "?") + ":" + parsed.getProperty("PGPORT", "5432") + "/"
                + parsed.getProperty("PGDBNAME", "");
    }
}
