package dev.migrateops.benchmark;

import dev.migrateops.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs psql / pgbench against a test database, the way a person would from a shell. */
final class ExternalCommand {

    private ExternalCommand() {
    }

    static List<String> connectionArgs(TestDatabase db) {
        return List.of("-h", db.server().host(), "-p", String.valueOf(db.server().port()), "-U", db.server().user());
    }

    static Process start(TestDatabase db, List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (db.server().password() != null) {
            builder.environment().put("PGPASSWORD", db.server().password());
        }
        return builder.start();
    }

    /** Runs to the end and returns the wall time; fails on a non-zero exit. */
    static Duration run(TestDatabase db, List<String> command, Path log) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = start(db, command, log);
        await(process, command, log);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static void await(Process process, List<String> command, Path log) throws InterruptedException, IOException {
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: "
                    + new String(java.nio.file.Files.readAllBytes(log), StandardCharsets.UTF_8));
        }
    }

    static List<String> psqlFiles(TestDatabase db, List<Path> files) {
        List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"));
        command.addAll(connectionArgs(db));
        command.addAll(List.of("-d", db.name()));
        files.forEach(f -> command.addAll(List.of("-f", f.toString())));
        return command;
    }
}
