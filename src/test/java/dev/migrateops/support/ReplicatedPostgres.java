package dev.migrateops.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A primary and a streaming replica of its own, started for a test: {@code initdb}, then {@code pg_basebackup -R}, on
 * free ports, in a temporary directory — the machine's server has no replication entry in pg_hba. The replica replays
 * with {@code recovery_min_apply_delay}, so it lags by that much whenever the primary writes. PostgreSQL refuses to run
 * as root, so as root the clusters run in a user namespace of their own ({@code unshare -U}), which also reads a
 * checkout under a private directory (the {@code postgres} user could not).
 */
public final class ReplicatedPostgres implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final int primaryPort;
    private final int replicaPort;

    private ReplicatedPostgres(Path dir, Path bin, int primaryPort, int replicaPort) {
        this.dir = dir;
        this.bin = bin;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
    }

    public static ReplicatedPostgres start(String applyDelay) {
        try {
            Path bin = serverBin();
            Path dir = Files.createTempDirectory("mo-replicated-");
            ReplicatedPostgres pair = new ReplicatedPostgres(dir, bin, LocalClusters.freePort(), LocalClusters.freePort());
            pair.asServerUser(bin.resolve("initdb"), "-D", dir.resolve("primary").toString(), "-A", "trust", "-U", "postgres");
            Files.writeString(dir.resolve("primary/pg_hba.conf"), "host replication all 127.0.0.1/32 trust\n",
                    java.nio.file.StandardOpenOption.APPEND);
            pair.startCluster("primary", pair.primaryPort, "");
            pair.asServerUser(bin.resolve("pg_basebackup"), "-h", "127.0.0.1", "-p", String.valueOf(pair.primaryPort), "-U",
                    "postgres", "-D", dir.resolve("replica").toString(), "-R", "-X", "stream");
            pair.startCluster("replica", pair.replicaPort, " -c recovery_min_apply_delay=" + applyDelay);
            return pair;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a replicated PostgreSQL", e);
        }
    }

    public String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres?user=postgres";
    }

    public Connection primary() throws SQLException {
        return DriverManager.getConnection(primaryUrl());
    }

    public Connection replica() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + replicaPort + "/postgres?user=postgres");
    }

    public void executeOnPrimary(String sql) {
        try (Connection conn = primary(); Statement st = conn.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void startCluster(String name, int port, String options) {
        asServerUser(bin.resolve("pg_ctl"), "-D", dir.resolve(name).toString(), "-l", dir.resolve(name + ".log").toString(), "-w",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1" + options, "start");
    }

    private void asServerUser(Path tool, String... args) {
        List<String> command = new ArrayList<>(List.of(tool.toString()));
        command.addAll(List.of(args));
        LocalClusters.asServerUser(command.toArray(String[]::new));
    }

    /** Debian keeps initdb and pg_ctl off the PATH, in the server's own bin directory. */
    private static Path serverBin() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql"));
        }
    }

    @Override
    public void close() {
        for (String name : List.of("replica", "primary")) {
            try {
                asServerUser(bin.resolve("pg_ctl"), "-D", dir.resolve(name).toString(), "-m", "immediate", "-w", "stop");
            } catch (RuntimeException e) {
                // already stopped
            }
        }
        LocalClusters.delete(dir);
    }
}
