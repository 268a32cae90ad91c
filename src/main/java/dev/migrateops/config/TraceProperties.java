package dev.migrateops.config;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where plans try pending migrations before anyone approved them, from {@code migrateops.trace}: never on a target's
 * server, never with a target's credentials.
 *
 * @param binDirs    directories holding PostgreSQL server binaries ({@code initdb}, {@code postgres}); each may hold
 *                   {@code {major}}, replaced by the target's major version. Searched before the usual places
 *                   ({@code /usr/lib/postgresql/<major>/bin}, {@code /usr/pgsql-<major>/bin}, Homebrew's)
 * @param server     a disposable PostgreSQL server the operator runs for traces instead; its user needs CREATEDB and
 *                   CREATEROLE. Used for targets of its own major version
 * @param concurrency how many traces run at once; more wait their turn, apart from every other answer
 */
@ConfigurationProperties("migrateops.trace")
public record TraceProperties(List<String> binDirs, Server server, @DefaultValue("2") int concurrency) {

    /** An operator's disposable trace server. The password is never printed. */
    public record Server(String jdbcUrl, String username, String password) {

        @Override
        public String toString() {
            return "Server[jdbcUrl=" + ConnectionDescriptions.describe(jdbcUrl) + ", username=" + username + "]";
        }
    }

    public TraceProperties {
        binDirs = binDirs == null ? List.of() : List.copyOf(binDirs);
        concurrency = concurrency <= 0 ? 2 : concurrency;
    }

    /** The defaults: server binaries in the usual places, two traces at a time. */
    public static TraceProperties defaults() {
        return new TraceProperties(List.of(), null, 2);
    }

    /** Whether an operator configured a trace server. */
    public boolean hasServer() {
        return server != null && server.jdbcUrl() != null && !server.jdbcUrl().isBlank();
    }

    /** The configured directories first, then where packages put them. */
    public List<Path> binDirsFor(int major) {
        List<String> dirs = new java.util.ArrayList<>(binDirs);
        dirs.addAll(List.of("/usr/lib/postgresql/{major}/bin", "/usr/pgsql-{major}/bin", "/opt/homebrew/opt/postgresql@{major}/bin",
                "/usr/local/opt/postgresql@{major}/bin"));
        return dirs.stream().map(d -> Path.of(d.replace("{major}", String.valueOf(major)))).toList();
    }
}
