package dev.migrateops.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a restore must drop first: {@code pg_restore --clean} only replaces objects that are in the dump,
 * so schemas and relations created after the backup (a migration's new table, MigrateOps' own history
 * table on a first run) would otherwise survive it.
 */
final class RestoreCleanup {

    /** A TOC line of {@code pg_restore --list}: "123; 1259 16390 TABLE public sales owner". */
    private static final Pattern ENTRY = Pattern.compile(
            "^\\d+; \\d+ \\d+ (TABLE|VIEW|MATERIALIZED VIEW|SEQUENCE|FOREIGN TABLE|SCHEMA) (\\S+) (\\S+) (\\S+)$");
    private static final Map<String, String> KINDS = Map.of("r", "TABLE", "p", "TABLE", "v", "VIEW", "m", "MATERIALIZED VIEW",
            "S", "SEQUENCE", "f", "FOREIGN TABLE");

    private RestoreCleanup() {
    }

    /** DROP statements for what exists now but is not in the dump's table of contents. */
    static List<String> dropsFor(String tableOfContents, Connection conn) throws SQLException {
        Set<String> inDump = new HashSet<>();
        Set<String> schemasInDump = new HashSet<>(Set.of("public"));
        for (String line : tableOfContents.split("\n")) {
            Matcher m = ENTRY.matcher(line.strip());
            if (m.matches()) {
                if (m.group(1).equals("SCHEMA")) {
                    schemasInDump.add(m.group(3));
                } else {
                    inDump.add(m.group(2) + "." + m.group(3));
                }
            }
        }
        List<String> drops = new ArrayList<>();
        Set<String> droppedSchemas = new HashSet<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
                     + " AND nspname <> 'information_schema' ORDER BY 1")) {
            while (rs.next()) {
                if (!schemasInDump.contains(rs.getString(1))) {
                    droppedSchemas.add(rs.getString(1));
                    drops.add("DROP SCHEMA IF EXISTS " + quote(rs.getString(1)) + " CASCADE;");
                }
            }
        }
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname, c.relkind FROM pg_class c"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
                     + " AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' ORDER BY 1, 2")) {
            while (rs.next()) {
                String schema = rs.getString(1);
                String name = rs.getString(2);
                if (!droppedSchemas.contains(schema) && !inDump.contains(schema + "." + name)) {
                    drops.add("DROP " + KINDS.get(rs.getString(3)) + " IF EXISTS " + quote(schema) + "." + quote(name) + " CASCADE;");
                }
            }
        }
        return drops;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
