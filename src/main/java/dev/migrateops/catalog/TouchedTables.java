package dev.migrateops.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables a migration's statements name as they are written ({@code sales},
 * {@code public."Sale"}): created (also {@code IF NOT EXISTS}), altered, indexed, written to, emptied,
 * dropped, or referenced by a foreign key. Verification compares their row counts before and after.
 */
public final class TouchedTables {

    private static final String PART = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)";
    private static final String TABLE = "(" + PART + "(?:\\." + PART + ")?)";
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("(?i)^CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?" + TABLE),
            Pattern.compile("(?i)^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + TABLE),
            Pattern.compile("(?i)^CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?(?:" + PART + " )?ON (?:ONLY )?" + TABLE),
            Pattern.compile("(?i)^UPDATE (?:ONLY )?" + TABLE),
            Pattern.compile("(?i)^INSERT INTO " + TABLE),
            Pattern.compile("(?i)^DELETE FROM (?:ONLY )?" + TABLE),
            Pattern.compile("(?i)\\bREFERENCES " + TABLE));
    /** Statements that name several tables: {@code DROP TABLE a, b}, {@code TRUNCATE a, b}. */
    private static final Pattern LISTS = Pattern.compile("(?i)^(?:DROP TABLE (?:IF EXISTS )?|TRUNCATE (?:TABLE )?)(.+?)"
            + "(?: (?:CASCADE|RESTRICT|RESTART IDENTITY|CONTINUE IDENTITY))*$");
    private static final Pattern LISTED = Pattern.compile("^(?:ONLY )?" + TABLE + "(?: \\*)?$");
    private static final Pattern DELETES_ROWS = Pattern.compile("(?i)^(DELETE|TRUNCATE|DROP TABLE)\\b.*");

    private TouchedTables() {
    }

    public static Set<String> of(Migration migration) {
        Set<String> tables = new LinkedHashSet<>();
        for (SqlStatement statement : migration.up().statements()) {
            for (Pattern pattern : PATTERNS) {
                Matcher m = pattern.matcher(statement.normalized());
                while (m.find()) {
                    tables.add(m.group(1));
                }
            }
            Matcher list = LISTS.matcher(statement.normalized());
            if (list.matches()) {
                for (String item : list.group(1).split(",")) {
                    Matcher one = LISTED.matcher(item.strip());
                    if (one.matches()) {
                        tables.add(one.group(1));
                    }
                }
            }
        }
        return tables;
    }

    /** True when the migration itself deletes rows, so fewer rows afterwards is expected. */
    public static boolean deletesRows(Migration migration) {
        return migration.up().statements().stream().anyMatch(s -> DELETES_ROWS.matcher(s.normalized()).matches());
    }
}
