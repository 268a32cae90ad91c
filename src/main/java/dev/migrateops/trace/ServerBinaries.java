package dev.migrateops.trace;

import dev.migrateops.config.TraceProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds PostgreSQL server binaries ({@code initdb}, {@code postgres}) of one major version. */
final class ServerBinaries {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private ServerBinaries() {
    }

    /**
     * The first directory, configured or usual, whose {@code postgres} says it is of that major version; last, the
     * binaries an embedded PostgreSQL of this machine unpacked (the sandbox's, {@code lint --trace}'s).
     */
    static Optional<Path> find(TraceProperties settings, int major) {
        return java.util.stream.Stream.concat(settings.binDirsFor(major).stream(), unpackedEmbedded())
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("postgres")))
                .filter(dir -> majorOf(dir.resolve("postgres")) == major)
                .findFirst();
    }

    private static java.util.stream.Stream<Path> unpackedEmbedded() {
        Path unpacked = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        try (java.util.stream.Stream<Path> dirs = Files.list(unpacked)) {
            return dirs.map(dir -> dir.resolve("bin")).toList().stream();
        } catch (IOException e) {
            return java.util.stream.Stream.empty();
        }
    }

    private static int majorOf(Path postgres) {
        try {
            Process process = new ProcessBuilder(postgres.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            Matcher m = VERSION.matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
