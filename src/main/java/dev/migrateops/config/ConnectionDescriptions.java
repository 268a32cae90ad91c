package dev.migrateops.config;

import java.util.Properties;
import org.postgresql.Driver;

/**
 * Says where a JDBC URL or a repository URL points and nothing more — no user, password or token — so it is
 * safe to show.
 */
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

    /** A URL without the {@code user:password@} part ({@code https://token@host/repo} → {@code https://host/repo}). */
    public static String withoutUserInfo(String url) {
        if (url == null) {
            return "(no repository)";
        }
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }

    /** A JDBC URL without {@code user} and {@code password} parameters, which would win over those a connection is given. */
    public static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl;
        }
        String kept = java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(p -> !p.startsWith("user=") && !p.startsWith("password=")).collect(java.util.stream.Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }
}
