package dev.migrateops.backup;

import dev.migrateops.engine.TargetDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scratch database on a target's server that holds the target's schema and no data, made by
 * {@link BackupService#copySchema}: where migrations can be tried without touching the target. Dropped on close.
 */
public final class SchemaCopy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaCopy.class);

    private final TargetDatabase target;
    private final String database;
    private final PgConnection connection;

    SchemaCopy(TargetDatabase target, String database, PgConnection connection) {
        this.target = target;
        this.database = database;
        this.connection = connection;
    }

    /** A new session on the copy. */
    public Connection connect() throws SQLException {
        return BackupService.connect(connection);
    }

    @Override
    public void close() {
        try (Connection conn = target.connection(); Statement st = conn.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            log.warn("could not drop the schema copy {} of {}: {}", database, target.name(), e.getMessage());
        }
    }
}
