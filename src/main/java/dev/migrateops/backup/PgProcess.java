package dev.migrateops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Runs one PostgreSQL client tool with a timeout, keeping its stderr (for the audit trail) and
 * reporting the size of the file it writes while it runs. The tool dies with the bot ({@link TiedProcess}).
 */
final class PgProcess {

    /** What the tool said and how long it took. */
    record Result(String stderr, Duration took) {
    }

    /** Often enough for a progress message edited in place; each report is one edit, not one more message. */
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private PgProcess() {
    }

    static Result run(List<String> command, Map<String, String> environment, Duration timeout, Path growing,
                      LongConsumer progress) {
        return run(command, environment, timeout, growing, progress, ProcessHandle.current().pid());
    }

    /** As {@link #run(List, Map, Duration, Path, LongConsumer)}, calling {@code tick} every few seconds while the tool runs. */
    static Result run(List<String> command, Map<String, String> environment, Duration timeout, Runnable tick) {
        return run(command, environment, timeout, null, bytes -> tick.run(), ProcessHandle.current().pid());
    }

    /** As {@link #run(List, Map, Duration, Path, LongConsumer)}, the tool ending with process {@code outlive}. */
    static Result run(List<String> command, Map<String, String> environment, Duration timeout, Path growing,
                      LongConsumer progress, long outlive) {
        long start = System.nanoTime();
        try {
            // stderr through a pipe, not a file: a bot killed mid-dump leaves no file of its tool's errors behind
            ProcessBuilder builder = new ProcessBuilder(TiedProcess.command(command, outlive))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(environment);
            Process process = builder.start();
            FutureTask<String> errors = new FutureTask<>(() -> readAll(process.getErrorStream()));
            Thread reader = new Thread(errors, "pg-tool-stderr");
            reader.setDaemon(true); // a stuck pipe never holds the bot up at exit
            reader.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastReport = System.nanoTime();
            while (!process.waitFor(1, TimeUnit.SECONDS)) {
                if (System.nanoTime() > deadline) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new BackupException(toolName(command) + " did not finish within " + timeout + " and was stopped");
                }
                if (System.nanoTime() - lastReport > REPORT_EVERY_NANOS) {
                    progress.accept(growing != null && Files.exists(growing) ? Files.size(growing) : 0);
                    lastReport = System.nanoTime();
                }
            }
            String stderr = tail(errors.get());
            if (process.exitValue() != 0) {
                throw new BackupException(toolName(command) + " failed (exit " + process.exitValue() + "): "
                        + SCRIPT_POSITION.matcher(withoutHostPaths(stderr.strip())).replaceAll(""));
            }
            return new Result(stderr, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new BackupException("could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException(command.get(0) + " was interrupted", e);
        } catch (ExecutionException e) {
            throw new BackupException("could not read what " + toolName(command) + " said: " + e.getCause().getMessage(), e);
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read what the tool said: " + e.getMessage() + ")";
        }
    }

    /** The tools name the bot's own files by their paths: nobody's business in a channel, so only the file names stay. */
    static String withoutHostPaths(String text) {
        return HOST_PATH.matcher(text).replaceAll("$1");
    }

    private static String toolName(List<String> command) {
        return java.nio.file.Path.of(command.get(0)).getFileName().toString();
    }

    /** "psql:restore-123.sql:4: ERROR: …": a line of a script the bot wrote and deleted tells a reader nothing. */
    private static final java.util.regex.Pattern SCRIPT_POSITION = java.util.regex.Pattern.compile("(?m)^psql:[^:\\s]+:\\d+: ");

    private static final java.util.regex.Pattern HOST_PATH = java.util.regex.Pattern.compile("(?<![\\w.])/(?:[^\\s/:'\"]+/)+([^\\s/:'\"]+)");

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
    }
}
