package dev.migrateops.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds pg_dump and pg_restore and checks that they are at least as new as the server: an older pg_dump
 * refuses to dump a newer server, and finding that out mid-run is too late.
 */
public final class PgTools {

    private final Map<String, Integer> versions = new ConcurrentHashMap<>();

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");

    private final String binDir;

    public PgTools(String binDir) {
        this.binDir = binDir == null ? "" : binDir;
    }

    public String pgDump() {
        return path("pg_dump");
    }

    public String pgRestore() {
        return path("pg_restore");
    }

    public String psql() {
        return path("psql");
    }

    private String path(String tool) {
        return binDir.isBlank() ? tool : java.nio.file.Path.of(binDir, tool).toString();
    }

    /** The major version of a tool, or an explanation of why it cannot be used. */
    public int majorVersion(String tool) {
        // asked at every preview of a target with backups: a version found once is kept, a failure is asked again
        return versions.computeIfAbsent(tool, this::askVersion);
    }

    private int askVersion(String tool) {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new BackupException(tool + " --version failed: " + out.strip());
            }
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                throw new BackupException("cannot read the version of " + tool + " from: " + out.strip());
            }
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw new BackupException(tool + " was not found: install postgresql-client (the same major version as "
                    + "the server, or newer)" + (binDir.isBlank() ? "" : " in " + binDir), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted while checking " + tool, e);
        }
    }

    /** Throws unless pg_dump, pg_restore and psql (which runs restores) exist and are not older than the server. */
    public void checkAgainst(int serverVersionNum) {
        int serverMajor = serverVersionNum / 10000;
        for (String tool : new String[] {pgDump(), pgRestore(), psql()}) {
            int major = majorVersion(tool);
            if (major < serverMajor) {
                throw new BackupException(tool + " is version " + major + " but the server is " + serverMajor
                        + ": install postgresql-client-" + serverMajor + " or newer");
            }
        }
    }

}
