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
 * What a restore must drop first: {@code pg_restore --clean} only replaces objects that are in the dump, so
 * everything created after the backup — schemas, tables, views, sequences, functions, procedures, types,
 * domains, triggers, policies, constraints, extensions, event triggers (a migration's, or MigrateOps' own history table
 * on a first run) — would otherwise survive it, and a constraint added since on a table of the dump (a foreign key to
 * another one's primary key) would stop {@code --clean} from dropping what it depends on. Objects that belong to an
 * extension go with their extension.
 */
final class RestoreCleanup {

    /** One object to drop: the statement, and what a person reads in the thread ("function public.f(integer)"). */
    record Drop(String statement, String what) {

        /** A drop of an object the dump holds and makes again: needed for the order, not a removal worth telling. */
        static Drop remade(String statement) {
            return new Drop(statement, null);
        }

        boolean removes() {
            return what != null;
        }
    }

    /** A TOC line of {@code pg_restore --list}: "123; 1259 16390 TABLE public sales owner" (the owner may be empty). */
    private static final Pattern ENTRY = Pattern.compile("^\\d+; \\d+ \\d+ (TABLE|VIEW|MATERIALIZED VIEW|SEQUENCE|FOREIGN TABLE"
            + "|SCHEMA|FUNCTION|PROCEDURE|AGGREGATE|TYPE|DOMAIN|TRIGGER|POLICY|FK CONSTRAINT|CONSTRAINT|EXTENSION|EVENT TRIGGER|PUBLICATION) (\\S+) (.+?)(?: \\S+)?$");
    private static final Map<String, String> RELATIONS = Map.of("r", "TABLE", "p", "TABLE", "v", "VIEW", "m", "MATERIALIZED VIEW",
            "S", "SEQUENCE", "f", "FOREIGN TABLE");
    private static final Map<String, String> ROUTINES = Map.of("f", "FUNCTION", "p", "PROCEDURE", "a", "AGGREGATE");
    private static final String USER_SCHEMA = "NOT LIKE 'pg\\_%%' AND %s <> 'information_schema'";
    /** Not an extension's member (e), nor made along with another object (i), such as a range type's constructors. */
    private static final String STANDALONE = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s AND d.deptype IN ('e', 'i'))";

    private RestoreCleanup() {
    }

    /** The drops, in an order that works in one transaction: triggers and policies, then everything they hang on. */
    static List<Drop> dropsFor(String tableOfContents, Connection conn) throws SQLException {
        Set<String> inDump = new HashSet<>(Set.of("SCHEMA|-|public", "EXTENSION|-|plpgsql"));
        for (String line : tableOfContents.split("\n")) {
            Matcher m = ENTRY.matcher(line.strip());
            if (m.matches()) {
                String kind = RELATIONS.containsValue(m.group(1)) ? "RELATION" : m.group(1).replace("FK CONSTRAINT", "CONSTRAINT");
                // a schema's entry reads "SCHEMA - name owner"; an extension's "EXTENSION - name"
                String schema = m.group(1).equals("SCHEMA") ? "-" : m.group(2);
                inDump.add(kind + "|" + schema + "|" + m.group(3));
            }
        }
        List<Drop> drops = new ArrayList<>();
        Set<String> droppedSchemas = new HashSet<>();
        Set<String> droppedTables = new HashSet<>();
        for (String[] row : rows(conn, "SELECT e.evtname FROM pg_event_trigger e WHERE " + standalone("e.oid"))) {
            if (!inDump.contains("EVENT TRIGGER|-|" + row[0])) {
                drops.add(new Drop("DROP EVENT TRIGGER IF EXISTS " + quote(row[0]) + ";", "event trigger " + row[0]));
            }
        }
        for (String[] row : rows(conn, "SELECT pubname FROM pg_publication ORDER BY 1")) {
            if (!inDump.contains("PUBLICATION|-|" + row[0])) {
                drops.add(new Drop("DROP PUBLICATION IF EXISTS " + quote(row[0]) + ";", "publication " + row[0]));
            }
        }
        // --clean leaves the public schema in place, and the dump's grants on it only add: take back what was granted since
        for (String[] row : rows(conn, "SELECT DISTINCT r.rolname FROM pg_namespace n, aclexplode(n.nspacl) a JOIN pg_roles r"
                + " ON r.oid = a.grantee WHERE n.nspname = 'public' AND a.grantee <> n.nspowner ORDER BY 1")) {
            drops.add(Drop.remade("REVOKE ALL ON SCHEMA public FROM " + quote(row[0]) + ";"));
        }
        for (String[] row : rows(conn, "SELECT nspname FROM pg_namespace WHERE nspname " + userSchema("nspname")
                + " AND " + standalone("oid") + " ORDER BY 1")) {
            if (!inDump.contains("SCHEMA|-|" + row[0])) {
                droppedSchemas.add(row[0]);
            }
        }
        List<String[]> droppedRelations = new ArrayList<>();
        for (String[] row : rows(conn, "SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname " + userSchema("n.nspname")
                + " AND " + standalone("c.oid") + " ORDER BY 1, 2")) {
            if (!droppedSchemas.contains(row[0]) && !inDump.contains("RELATION|" + row[0] + "|" + row[1])) {
                droppedRelations.add(row);
                droppedTables.add(row[0] + "." + row[1]);
            }
        }
        for (String[] row : rows(conn, "SELECT n.nspname, c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname " + userSchema("n.nspname")
                + " ORDER BY 1, 2, 3")) {
            if (!gone(row, droppedSchemas, droppedTables) && !inDump.contains("TRIGGER|" + row[0] + "|" + row[1] + " " + row[2])) {
                drops.add(new Drop("DROP TRIGGER IF EXISTS " + quote(row[2]) + " ON " + quote(row[0]) + "." + quote(row[1]) + ";",
                        "trigger " + row[2] + " on " + row[0] + "." + row[1]));
            }
        }
        // every foreign key first, the dump's too (it comes back with the dump): they hang on primary and unique keys that
        // --clean drops and makes again, or that the run renamed ("Users_pkey") and this cleanup drops
        for (String[] row : rows(conn, "SELECT n.nspname, c.relname, k.conname, k.contype FROM pg_constraint k"
                + " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE k.contype IN ('f', 'p', 'u', 'c', 'x') AND k.coninhcount = 0 AND k.conparentid = 0"
                + " AND n.nspname " + userSchema("n.nspname") + " ORDER BY k.contype <> 'f', 1, 2, 3")) {
            boolean inTheDump = inDump.contains("CONSTRAINT|" + row[0] + "|" + row[1] + " " + row[2]);
            if (!gone(row, droppedSchemas, droppedTables) && (!inTheDump || row[3].equals("f"))) {
                String statement = "ALTER TABLE IF EXISTS " + quote(row[0]) + "." + quote(row[1]) + " DROP CONSTRAINT IF EXISTS "
                        + quote(row[2]) + ";";
                drops.add(inTheDump ? Drop.remade(statement) : new Drop(statement, "constraint " + row[2] + " on " + row[0] + "." + row[1]));
            }
        }
        for (String[] row : rows(conn, "SELECT n.nspname, c.relname, p.polname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname " + userSchema("n.nspname") + " ORDER BY 1, 2, 3")) {
            if (!gone(row, droppedSchemas, droppedTables) && !inDump.contains("POLICY|" + row[0] + "|" + row[1] + " " + row[2])) {
                drops.add(new Drop("DROP POLICY IF EXISTS " + quote(row[2]) + " ON " + quote(row[0]) + "." + quote(row[1]) + ";",
                        "policy " + row[2] + " on " + row[0] + "." + row[1]));
            }
        }
        droppedSchemas.stream().sorted().forEach(schema ->
                drops.add(new Drop("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE;", "schema " + schema)));
        for (String[] row : droppedRelations) {
            String kind = RELATIONS.get(row[2]);
            drops.add(new Drop("DROP " + kind + " IF EXISTS " + quote(row[0]) + "." + quote(row[1]) + " CASCADE;",
                    kind.toLowerCase() + " " + row[0] + "." + row[1]));
        }
        for (String[] row : rows(conn, "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind FROM pg_proc p"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p', 'a') AND n.nspname " + userSchema("n.nspname")
                + " AND " + standalone("p.oid") + " ORDER BY 1, 2, 3")) {
            String kind = ROUTINES.get(row[3]);
            if (!droppedSchemas.contains(row[0]) && !inDump.contains(kind + "|" + row[0] + "|" + row[1] + "(" + row[2] + ")")) {
                drops.add(new Drop("DROP " + kind + " IF EXISTS " + quote(row[0]) + "." + quote(row[1]) + "(" + row[2] + ") CASCADE;",
                        kind.toLowerCase() + " " + row[0] + "." + row[1] + "(" + row[2] + ")"));
            }
        }
        for (String[] row : rows(conn, "SELECT n.nspname, t.typname, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " LEFT JOIN pg_class c ON c.oid = t.typrelid WHERE (t.typtype IN ('e', 'r', 'd') OR t.typtype = 'c' AND c.relkind = 'c')"
                + " AND n.nspname " + userSchema("n.nspname") + " AND " + standalone("t.oid") + " ORDER BY 1, 2")) {
            String kind = row[2].equals("d") ? "DOMAIN" : "TYPE";
            if (!droppedSchemas.contains(row[0]) && !inDump.contains(kind + "|" + row[0] + "|" + row[1])) {
                drops.add(new Drop("DROP " + kind + " IF EXISTS " + quote(row[0]) + "." + quote(row[1]) + " CASCADE;",
                        kind.toLowerCase() + " " + row[0] + "." + row[1]));
            }
        }
        for (String[] row : rows(conn, "SELECT extname FROM pg_extension ORDER BY 1")) {
            if (!inDump.contains("EXTENSION|-|" + row[0])) {
                drops.add(new Drop("DROP EXTENSION IF EXISTS " + quote(row[0]) + " CASCADE;", "extension " + row[0]));
            }
        }
        return drops;
    }

    private static boolean gone(String[] row, Set<String> droppedSchemas, Set<String> droppedTables) {
        return droppedSchemas.contains(row[0]) || droppedTables.contains(row[0] + "." + row[1]);
    }

    private static String userSchema(String column) {
        return USER_SCHEMA.formatted(column);
    }

    private static String standalone(String oid) {
        return STANDALONE.formatted(oid);
    }

    private static List<String[]> rows(Connection conn, String sql) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
