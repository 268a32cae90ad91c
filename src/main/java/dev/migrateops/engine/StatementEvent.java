package dev.migrateops.engine;

import java.time.Duration;

/**
 * One execution of one statement, for the audit trail. Carries the statement's hash, never its text.
 *
 * @param version  the migration it belongs to
 * @param location file:line
 * @param sha256   hash of the statement text
 * @param sqlState PostgreSQL's error code when it failed, else null
 */
public record StatementEvent(String version, String location, String sha256, Duration duration, Outcome outcome,
                             String sqlState) {

    public enum Outcome { OK, LOCK_TIMEOUT, FAILED }
}
