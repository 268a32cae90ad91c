package dev.migrateops.backup;

import dev.migrateops.engine.SqlIdentifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scratch database on a trace server — never a target's — that holds a target's schema and no data, owned by a
 * role of its own that may do no more than own it: no superuser, no membership in any role, no outbound extension.
 * Made by {@link SchemaCopies#load}; the database and the role are dropped on close.
 */
public final class SchemaCopy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaCopy.class);

    private final PgConnection admin;
    private final PgConnection owner;
    private final int eventTriggersLeftOut;

    SchemaCopy(PgConnection admin, PgConnection owner, int eventTriggersLeftOut) {
        this.admin = admin;
        this.owner = owner;
        this.eventTriggersLeftOut = eventTriggersLeftOut;
    }

    /** How many of the target's event triggers the copy lacks: only a superuser may create one. */
    public int eventTriggersLeftOut() {
        return eventTriggersLeftOut;
    }

    /** A new session on the copy, as its unprivileged owner. */
    public Connection connect() throws SQLException {
        return BackupService.connect(owner);
    }

    /** Ends every session of the copy's owner: what a statement that ignores cancellation cannot ignore. */
    public void terminateSessions() {
        try (Connection conn = BackupService.connect(admin); var ps = conn.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
            ps.setString(1, owner.user());
            ps.execute();
        } catch (SQLException e) {
            log.warn("could not end the sessions on the schema copy {}: {}", owner.database(), e.getMessage());
        }
    }

    @Override
    public void close() {
        try (Connection conn = BackupService.connect(admin); Statement st = conn.createStatement()) {
            ScratchDatabases.drop(st, owner.database());
            st.execute("DROP ROLE IF EXISTS " + SqlIdentifiers.quote(owner.user()));
        } catch (SQLException e) {
            log.warn("could not drop the schema copy {}: {}", owner.database(), e.getMessage());
        }
    }
}
