package dev.migrateops.backup;

import dev.migrateops.engine.SqlIdentifiers;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** Dropping the bot's own scratch databases (restore checks, trace copies) on any supported server version. */
final class ScratchDatabases {

    private ScratchDatabases() {
    }

    /** Ends the sessions still in it, then drops it: {@code DROP DATABASE … WITH (FORCE)} exists from PostgreSQL 13 only. */
    static void drop(Statement st, String database) throws SQLException {
        try (PreparedStatement end = st.getConnection().prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            end.setString(1, database);
            end.execute();
        }
        st.execute("DROP DATABASE IF EXISTS " + SqlIdentifiers.quote(database));
    }
}
