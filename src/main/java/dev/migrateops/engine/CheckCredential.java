package dev.migrateops.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a target's check credential may do no more than read: what previews before approval run as. Asked of the
 * server, not assumed: not a superuser, no CREATEROLE, no membership in a built-in role that reaches the host or
 * other sessions, no EXECUTE on a function that opens connections (dblink, postgres_fdw) or reads or writes the
 * server's files, and read-only by default.
 */
final class CheckCredential {

    /** Built-in roles that run programs, read or write the server's files, signal other sessions, or write any table. */
    private static final String[] DANGEROUS_ROLES = {"pg_execute_server_program", "pg_read_server_files", "pg_write_server_files",
        "pg_signal_backend", "pg_write_all_data"};
    /** Functions that read or write the server's files. */
    private static final String[] FILE_FUNCTIONS = {"lo_export", "lo_import", "pg_read_file", "pg_read_binary_file", "pg_ls_dir",
        "pg_stat_file", "pg_file_write", "pg_file_rename", "pg_file_unlink"};
    /** Extensions whose functions open connections to other servers, or write files. */
    private static final String[] OUTBOUND_EXTENSIONS = {"dblink", "postgres_fdw", "adminpack"};

    private CheckCredential() {
    }

    /** What is wrong with the credential of this session, one phrase each; empty when it may only read. */
    static List<String> problems(Connection conn) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT rolsuper, rolcreaterole, current_setting('default_transaction_read_only') FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            if (rs.getBoolean(1)) {
                problems.add("it is a superuser");
            }
            if (rs.getBoolean(2)) {
                problems.add("it may create roles");
            }
            if (!"on".equals(rs.getString(3))) {
                problems.add("it is not read-only by default (ALTER ROLE … SET default_transaction_read_only = on)");
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT rolname FROM pg_roles WHERE rolname = ANY (?)"
                + " AND pg_has_role(current_user, oid, 'MEMBER') ORDER BY rolname")) {
            ps.setArray(1, conn.createArrayOf("text", DANGEROUS_ROLES));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    problems.add("it is a member of " + rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT DISTINCT p.proname FROM pg_proc p"
                + " LEFT JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'"
                + " LEFT JOIN pg_extension e ON d.refclassid = 'pg_extension'::regclass AND e.oid = d.refobjid"
                + " WHERE (p.proname = ANY (?) OR e.extname = ANY (?)) AND has_function_privilege(p.oid, 'EXECUTE') ORDER BY 1")) {
            ps.setArray(1, conn.createArrayOf("text", FILE_FUNCTIONS));
            ps.setArray(2, conn.createArrayOf("text", OUTBOUND_EXTENSIONS));
            List<String> functions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    functions.add(rs.getString(1));
                }
            }
            if (!functions.isEmpty()) {
                problems.add("it may execute " + String.join(", ", functions));
            }
        }
        return problems;
    }
}
