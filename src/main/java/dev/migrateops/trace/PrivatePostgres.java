package dev.migrateops.trace;

import dev.migrateops.backup.PgConnection;
import dev.migrateops.backup.RandomSecrets;
import dev.migrateops.backup.TiedProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the bot's own, started from server binaries in a private temporary directory: it listens on
 * loopback only, on a port of its own, and asks every connection for a password; its superuser's password is random
 * and known to this process alone. It ends with the bot. PostgreSQL refuses to run as root; as root it runs in a user
 * namespace of its own ({@code unshare -U}), where it holds no privilege over the host.
 */
final class PrivatePostgres implements AutoCloseable {

    private static final String SUPERUSER = "migrateops_trace_admin";

    private final Path dir;
    private final Process server;
    private final PgConnection admin;

    private PrivatePostgres(Path dir, Process server, PgConnection admin) {
        this.dir = dir;
        this.server = server;
        this.admin = admin;
    }

    /** Starts a server from the binaries in {@code bin}; throws with the server's own words when it cannot. */
    static PrivatePostgres start(Path bin) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("migrateops-trace-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            String password = RandomSecrets.token(24);
            Path passwordFile = dir.resolve("superuser-password");
            Files.writeString(passwordFile, password + "\n");
            try {
                run(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", SUPERUSER,
                        "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8",
                        "--locale=C", "--no-sync")));
            } finally {
                Files.deleteIfExists(passwordFile);
            }
            int port = freePort();
            List<String> postgres = asServerUser(List.of(bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(),
                    "-p", String.valueOf(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                    // a scratch server: nothing on it outlives a trace, so nothing needs to survive a crash
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=40", "-c", "shared_buffers=16MB", "-c", "temp_file_limit=512MB",
                    "-c", "idle_in_transaction_session_timeout=60s", "-c", "log_min_messages=warning"));
            Process server = new ProcessBuilder(TiedProcess.command(postgres)).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile()).start();
            PgConnection admin = new PgConnection("127.0.0.1", port, "postgres", SUPERUSER, password,
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "migrateops-trace");
            PrivatePostgres started = new PrivatePostgres(dir, server, admin);
            started.awaitReady();
            return started;
        } catch (IOException | RuntimeException e) {
            if (dir != null) {
                delete(dir);
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The superuser's connection: only for making and dropping a trace's database and role. */
    PgConnection admin() {
        return admin;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Properties props = new Properties();
        props.setProperty("user", admin.user());
        props.setProperty("password", admin.password());
        props.setProperty("connectTimeout", "2");
        SQLException last = null;
        while (System.nanoTime() < deadline && server.isAlive()) {
            try (Connection ignored = DriverManager.getConnection(admin.jdbcUrl(), props)) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(50);
            }
        }
        close();
        throw new IOException("the trace server did not start" + (last == null ? "" : " (" + last.getMessage() + ")"));
    }

    @Override
    public void close() {
        // SIGTERM to the postmaster (the shell's child): no clients are left, so it stops at once
        server.children().forEach(ProcessHandle::destroy);
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delete(dir);
    }

    private static List<String> asServerUser(List<String> command) {
        List<String> full = new ArrayList<>(isRoot() ? List.of("unshare", "-U") : List.of());
        full.addAll(command);
        return full;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(Path.of(command.get(isRoot() ? 2 : 0)).getFileName() + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the trace server", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory that holds no secret (the password file is gone): left for the system to clear
        }
    }
}
