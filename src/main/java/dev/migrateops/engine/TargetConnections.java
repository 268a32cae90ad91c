package dev.migrateops.engine;

import java.sql.Connection;
import java.sql.SQLException;

/** Short-lived connections to a target beside a change's own session, for watching it while it runs. */
interface TargetConnections {
    Connection connection() throws SQLException;
}
