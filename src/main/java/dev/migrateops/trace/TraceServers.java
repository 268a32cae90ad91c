package dev.migrateops.trace;

import dev.migrateops.backup.PgConnection;
import dev.migrateops.config.TraceProperties;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The servers traces run on, one per major version: the operator's trace server for its own version, else a private
 * server the bot starts from that version's server binaries on first use and stops when it stops. Never a target's.
 */
public final class TraceServers implements AutoCloseable {

    private final TraceProperties settings;
    private final Map<Integer, PrivatePostgres> started = new HashMap<>();
    private Integer configuredMajor;

    public TraceServers(TraceProperties settings) {
        this.settings = settings;
    }

    /** The superuser's connection to a trace server of that major version; throws, saying what to install, when none is at hand. */
    synchronized PgConnection forMajor(int major) {
        if (settings.hasServer() && configuredMajor() == major) {
            TraceProperties.Server server = settings.server();
            return PgConnection.of(server.jdbcUrl(), server.username(), server.password()).named("migrateops-trace");
        }
        PrivatePostgres server = started.get(major);
        if (server == null) {
            Optional<Path> bin = ServerBinaries.find(settings, major);
            if (bin.isEmpty()) {
                throw new NoTraceServerException("no PostgreSQL " + major + " server to trace on: install the server binaries of "
                        + "PostgreSQL " + major + " beside the client tools (looked in " + settings.binDirsFor(major).stream()
                        .map(Path::toString).collect(Collectors.joining(", ")) + "; migrateops.trace.bin-dirs adds places), or "
                        + "give a disposable trace server of that version (migrateops.trace.server.jdbc-url)");
            }
            try {
                server = PrivatePostgres.start(bin.get());
            } catch (RuntimeException e) {
                throw new NoTraceServerException("the PostgreSQL " + major + " trace server did not start: " + e.getMessage());
            }
            started.put(major, server);
        }
        return server.admin();
    }

    private int configuredMajor() {
        if (configuredMajor == null) {
            TraceProperties.Server server = settings.server();
            Properties props = new Properties();
            if (server.username() != null) {
                props.setProperty("user", server.username());
            }
            if (server.password() != null) {
                props.setProperty("password", server.password());
            }
            try (Connection conn = DriverManager.getConnection(server.jdbcUrl(), props); Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SHOW server_version_num")) {
                rs.next();
                configuredMajor = rs.getInt(1) / 10000;
            } catch (SQLException e) {
                throw new NoTraceServerException("the trace server (migrateops.trace.server.jdbc-url) cannot be reached: "
                        + e.getMessage());
            }
        }
        return configuredMajor;
    }

    @Override
    public synchronized void close() {
        started.values().forEach(PrivatePostgres::close);
        started.clear();
    }

    /** No trace server of the version needed: the trace says so instead of running elsewhere. */
    static final class NoTraceServerException extends RuntimeException {
        NoTraceServerException(String message) {
            super(message);
        }
    }
}
