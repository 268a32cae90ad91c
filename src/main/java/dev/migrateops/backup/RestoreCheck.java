package dev.migrateops.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a restore came back exactly: the target's schema as {@code pg_dump --schema-only} writes it against the
 * backup's own, object by object (grants and comments included), and every table's rows against the backup's counts.
 * A restore is one transaction that either happens or not; this is the check that what happened is the backup.
 */
final class RestoreCheck {

    /** "-- Name: product_sales product_sales_touch; Type: TRIGGER; Schema: public; Owner: -" */
    private static final Pattern HEADER = Pattern.compile("^-- Name: (.+?); Type: (.+?); Schema: (.+?);.*$");
    /** Only the first few differences are told; a restore that missed more has one cause worth reading first. */
    private static final int TOLD = 12;

    private RestoreCheck() {
    }

    /** Where the target differs from the backup, one line each; empty when the restore is exact. */
    static List<String> differences(PgTools tools, PgConnection pg, BackupArtifact backup, Connection conn, Path scratchDir,
                                    Duration timeout) throws IOException, SQLException {
        List<String> differences = new ArrayList<>();
        Path expected = Files.createTempFile(scratchDir, "restore-expected-", ".sql");
        Path actual = Files.createTempFile(scratchDir, "restore-actual-", ".sql");
        try {
            PgProcess.run(List.of(tools.pgRestore(), "--schema-only", "--no-owner", "--file=" + expected, backup.path().toString()),
                    Map.of(), timeout, null, b -> { });
            PgProcess.run(BackupService.command(tools.pgDump(), pg, "--schema-only", "--no-owner", "--file=" + actual, pg.database()),
                    pg.environment(), timeout, null, b -> { });
            differences.addAll(compare(objects(Files.readString(expected)), objects(Files.readString(actual))));
        } finally {
            Files.deleteIfExists(expected);
            Files.deleteIfExists(actual);
        }
        Map<String, Long> rows = TableStatistics.rowCounts(conn);
        backup.rowCounts().forEach((table, count) -> {
            Long now = rows.get(table);
            if (now != null && !now.equals(count)) {
                differences.add(table + " holds " + now + " rows, the backup " + count);
            }
        });
        if (differences.size() <= TOLD) {
            return differences;
        }
        List<String> told = new ArrayList<>(differences.subList(0, TOLD));
        told.add("… and " + (differences.size() - TOLD) + " more");
        return told;
    }

    /** A schema script as its objects: "trigger public.product_sales product_sales_touch" → its statements. */
    static Map<String, String> objects(String script) {
        Map<String, String> objects = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : script.split("\n")) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (current != null) {
                    objects.merge(current, body.toString(), String::concat);
                }
                String schema = header.group(3).equals("-") ? "" : header.group(3) + ".";
                current = header.group(2).toLowerCase() + " " + schema + header.group(1);
                body.setLength(0);
            } else if (current != null && !line.isBlank() && !line.startsWith("--") && !line.startsWith("\\")
                    && !line.startsWith("SET ")) { // pg_dump's SETs (default_tablespace …) fall between objects as it pleases
                body.append(line).append('\n');
            }
        }
        if (current != null) {
            objects.merge(current, body.toString(), String::concat);
        }
        return objects;
    }

    static List<String> compare(Map<String, String> expected, Map<String, String> actual) {
        List<String> differences = new ArrayList<>();
        expected.forEach((object, definition) -> {
            String now = actual.get(object);
            if (now == null) {
                differences.add(object + " is missing");
            } else if (!now.equals(definition)) {
                differences.add(object + " differs from the backup (" + firstDifference(definition, now) + ")");
            }
        });
        actual.keySet().stream().filter(object -> !expected.containsKey(object)).forEach(object -> differences.add(object + " is not in the backup"));
        return differences;
    }

    /** Where two definitions part: "the backup: GRANT USAGE ON SCHEMA public TO anon; now: (nothing)". */
    private static String firstDifference(String expected, String actual) {
        String[] was = expected.split("\n");
        String[] is = actual.split("\n");
        int line = 0;
        while (line < was.length && line < is.length && was[line].equals(is[line])) {
            line++;
        }
        return "the backup: " + clip(line < was.length ? was[line] : "(nothing)") + "; now: " + clip(line < is.length ? is[line] : "(nothing)");
    }

    private static String clip(String line) {
        return line.length() <= 100 ? line : line.substring(0, 100) + "…";
    }
}
