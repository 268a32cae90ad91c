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
import java.util.Set;
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

    /**
     * Kinds of object (pg_dump's "Type:") a restore removes when the backup lacks them: {@link RestoreCleanup} drops them,
     * or they go with a table {@code --clean} drops and makes again (indexes, rules, defaults, comments, grants on it).
     */
    private static final Set<String> REMOVABLE = Set.of("table", "view", "materialized view", "sequence", "sequence owned by",
            "foreign table", "schema", "function", "procedure", "aggregate", "type", "domain", "trigger", "policy", "constraint",
            "fk constraint", "check constraint", "extension", "event trigger", "publication", "publication table", "index",
            "index attach", "table attach", "comment", "acl", "default", "row security", "rule", "statistics");

    private final PgTools tools;
    private final PgConnection pg;
    private final BackupArtifact backup;
    private final Path scratchDir;
    private final Duration timeout;

    RestoreCheck(PgTools tools, PgConnection pg, BackupArtifact backup, Path scratchDir, Duration timeout) {
        this.tools = tools;
        this.pg = pg;
        this.backup = backup;
        this.scratchDir = scratchDir;
        this.timeout = timeout;
    }

    /**
     * Before a restore: what the target holds that the backup does not and a restore cannot remove (a collation, an
     * operator, a foreign server …), so that a restore that could not be exact is not started.
     */
    List<String> unremovable() throws IOException {
        Map<String, String> expected = backupSchema();
        return told(targetSchema().keySet().stream().filter(object -> !expected.containsKey(object))
                .filter(object -> REMOVABLE.stream().noneMatch(kind -> object.startsWith(kind + " "))).toList());
    }

    /** After a restore: where the target differs from the backup, one line each; empty when the restore is exact. */
    List<String> differences(Connection conn) throws IOException, SQLException {
        List<String> differences = new ArrayList<>(compare(backupSchema(), targetSchema()));
        Map<String, Long> rows = TableStatistics.rowCounts(conn);
        backup.rowCounts().forEach((table, count) -> {
            Long now = rows.get(table);
            if (now != null && !now.equals(count)) {
                differences.add(table + " holds " + now + " rows, the backup " + count);
            }
        });
        return told(differences);
    }

    private Map<String, String> backupSchema() throws IOException {
        return schema(List.of(tools.pgRestore(), "--schema-only", "--no-owner", backup.path().toString()), Map.of());
    }

    private Map<String, String> targetSchema() throws IOException {
        return schema(BackupService.command(tools.pgDump(), pg, "--schema-only", "--no-owner", pg.database()), pg.environment());
    }

    private Map<String, String> schema(List<String> command, Map<String, String> environment) throws IOException {
        Path file = Files.createTempFile(scratchDir, "restore-schema-", ".sql");
        try {
            List<String> writing = new ArrayList<>(command.subList(0, command.size() - 1));
            writing.add("--file=" + file);
            writing.add(command.get(command.size() - 1));
            PgProcess.run(writing, environment, timeout, null, b -> { });
            return objects(Files.readString(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<String> told(List<String> lines) {
        if (lines.size() <= TOLD) {
            return lines;
        }
        List<String> told = new ArrayList<>(lines.subList(0, TOLD));
        told.add("… and " + (lines.size() - TOLD) + " more");
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
                // a user mapping's or a server's options may hold a password: those are named, their lines not shown
                boolean mayHoldSecrets = object.startsWith("user mapping ") || object.startsWith("server ");
                differences.add(object + " differs from the backup" + (mayHoldSecrets ? "" : " (" + firstDifference(definition, now) + ")"));
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
