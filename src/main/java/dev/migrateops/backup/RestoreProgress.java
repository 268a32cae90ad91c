package dev.migrateops.backup;

import dev.migrateops.engine.Progress;
import dev.migrateops.engine.TargetDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a restore is: which of the dump's tables psql is loading now ({@code pg_stat_progress_copy} of the restore's
 * session, known by its {@code application_name}), in the dump's order, and its rows loaded against those the backup
 * counted.
 */
final class RestoreProgress {

    /** A data entry of {@code pg_restore --list}: "217; 0 16390 TABLE DATA public product_sales postgres". */
    private static final Pattern TABLE_DATA = Pattern.compile("^\\d+; \\d+ \\d+ TABLE DATA (\\S+) (\\S+) .*$");

    private static final String COPYING = """
            SELECT c.relid::regclass::text, c.tuples_processed FROM pg_stat_progress_copy c
            JOIN pg_stat_activity a ON a.pid = c.pid WHERE a.application_name = ?""";

    private final PgConnection pg;
    private final List<String> tables;
    private final Map<String, Long> rows;
    private final long startNanos;
    private Progress last;

    RestoreProgress(PgConnection pg, List<String> tables, Map<String, Long> rows, long startNanos) {
        this.pg = pg;
        this.tables = tables;
        this.rows = rows;
        this.startNanos = startNanos;
    }

    /** The tables whose rows the dump holds, in the order it loads them, as {@code schema.table} (the list does not quote). */
    static List<String> tablesWithData(String listing) {
        List<String> tables = new ArrayList<>();
        for (String line : listing.split("\n")) {
            Matcher m = TABLE_DATA.matcher(line.strip());
            if (m.matches()) {
                tables.add(m.group(1) + "." + m.group(2));
            }
        }
        return tables;
    }

    /** What the restore's session is loading now; empty between two tables or when it cannot be read. */
    Optional<Progress> now(TargetDatabase target) {
        try (Connection conn = target.connection(); PreparedStatement ps = conn.prepareStatement(COPYING)) {
            ps.setString(1, pg.applicationName());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String table = rs.getString(1).contains(".") ? rs.getString(1) : "public." + rs.getString(1);
                last = new Progress(Progress.Work.RESTORE, pg.database(), table, tables.indexOf(table.replace("\"", "")) + 1, tables.size(),
                        rs.getLong(2), rows.getOrDefault(table, 0L), Progress.Unit.TUPLES, 0,
                        Duration.ofNanos(System.nanoTime() - startNanos), null, false);
                return Optional.of(last);
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** The last report, so the end can be told where progress was shown. */
    Optional<Progress> last() {
        return Optional.ofNullable(last);
    }
}
