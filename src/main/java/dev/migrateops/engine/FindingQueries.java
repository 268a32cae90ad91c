package dev.migrateops.engine;

import dev.migrateops.catalog.SqlScript;
import dev.migrateops.catalog.SqlStatement;
import dev.migrateops.text.Plural;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the queries of a {@code .check.sql} or {@code .verify.sql} file, read-only: each row a query
 * returns is a finding.
 */
final class FindingQueries {

    static final int MAX_ROWS_SHOWN = 20;
    static final java.time.Duration STATEMENT_TIMEOUT = java.time.Duration.ofSeconds(30);

    /**
     * What one query found.
     *
     * @param location file:line of the query
     * @param rows     at most {@link #MAX_ROWS_SHOWN}, each as "column=value, …"
     * @param total    how many rows it returned in all
     */
    record Finding(String location, List<String> rows, int total) {
        String describe() {
            return location + " returned " + Plural.of(total, "row") + (total > rows.size() ? ", first " + rows.size() : "")
                    + ":\n    " + String.join("\n    ", rows);
        }
    }

    List<Finding> run(Connection conn, SqlScript script) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute("SET TRANSACTION READ ONLY");
            // a check runs while people wait for a card: a query that would scan for minutes fails instead
            st.execute("SET LOCAL statement_timeout = '" + STATEMENT_TIMEOUT.toMillis() + "ms'");
            for (SqlStatement query : script.statements()) {
                if (!st.execute(query.sql())) {
                    continue;
                }
                try (ResultSet rs = st.getResultSet()) {
                    Finding finding = collect(script.locate(query), rs);
                    if (finding.total() > 0) {
                        findings.add(finding);
                    }
                }
            }
        } finally {
            conn.rollback();
            conn.setAutoCommit(true);
        }
        return findings;
    }

    private static Finding collect(String location, ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> rows = new ArrayList<>();
        int total = 0;
        while (rs.next()) {
            total++;
            if (rows.size() < MAX_ROWS_SHOWN) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    cells.add(meta.getColumnLabel(i) + "=" + rs.getString(i));
                }
                rows.add(String.join(", ", cells));
            }
        }
        return new Finding(location, rows, total);
    }
}
