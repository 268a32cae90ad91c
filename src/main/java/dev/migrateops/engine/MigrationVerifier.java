package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.TouchedTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves a migration worked: its {@code .verify.sql} returns no rows, no index is invalid, and the
 * touched tables kept their rows. Row counts on a live database move with traffic, so a drop is a
 * warning, not a failure.
 */
final class MigrationVerifier {

    private final FindingQueries queries = new FindingQueries();
    private final RowCounts rowCounts = new RowCounts();
    private final InvalidIndexes invalidIndexes = new InvalidIndexes();

    /** Counts the rows of every table these migrations touch, before they run. */
    public Map<String, Long> snapshot(Connection conn, Collection<Migration> migrations) throws SQLException {
        return rowCounts.count(conn, touched(migrations));
    }

    /** @param before the touched tables' rows before the migrations ran; null when none were counted (nothing is compared) */
    public VerificationReport verify(Connection conn, List<Migration> migrations, Map<String, Long> before)
            throws SQLException {
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Migration migration : migrations) {
            if (migration.verify().isPresent()) {
                for (FindingQueries.Finding finding : queries.run(conn, migration.verify().get())) {
                    failures.add(finding.describe());
                }
            }
        }
        for (InvalidIndexes.Index index : invalidIndexes.list(conn)) {
            failures.add("index " + index.qualified() + " is invalid (a CONCURRENTLY build did not finish): "
                    + "drop it with DROP INDEX CONCURRENTLY and build it again");
        }
        boolean deletes = migrations.stream().anyMatch(TouchedTables::deletesRows);
        List<RowCountChange> changes = new ArrayList<>();
        if (before != null) {
            Map<String, Long> afterCounts = rowCounts.count(conn, touched(migrations));
            afterCounts.forEach((table, after) -> {
                Long was = before.get(table);
                changes.add(new RowCountChange(table, was, after));
                if (was != null && after < was && !deletes) {
                    warnings.add(table + " has " + (was - after) + " fewer rows than before the migration ("
                            + was + " → " + after + ")");
                }
            });
            before.forEach((table, was) -> {
                if (!afterCounts.containsKey(table)) {
                    changes.add(new RowCountChange(table, was, null));
                }
            });
        }
        return new VerificationReport(failures, warnings, notValidConstraints(conn), changes);
    }

    private static Set<String> touched(Collection<Migration> migrations) {
        Set<String> tables = new LinkedHashSet<>();
        migrations.forEach(m -> tables.addAll(TouchedTables.of(m)));
        return tables;
    }

    private static List<String> notValidConstraints(Connection conn) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.conname, c.conrelid::regclass::text FROM pg_constraint c"
                     + " JOIN pg_namespace n ON n.oid = c.connamespace"
                     + " WHERE NOT c.convalidated AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                     + " ORDER BY 2, 1")) {
            while (rs.next()) {
                found.add(rs.getString(1) + " on " + rs.getString(2));
            }
        }
        return found;
    }
}
