package dev.migrateops.engine;

/**
 * One pre-check's verdict.
 *
 * @param name   e.g. "sessions", "locks on touched tables"
 * @param detail what it saw, in a sentence a person can act on
 */
public record PreCheck(String name, Status status, String detail) {

    /** FAIL stops the run before anything is applied; WARN is shown; PASS is counted. */
    public enum Status { PASS, WARN, FAIL }
}
