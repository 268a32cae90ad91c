package dev.migrateops.engine;

/**
 * A difference between what the target says was applied and the files: it blocks apply until resolved.
 *
 * @param version the version concerned
 * @param kind    what differs
 * @param message what a person should know and do
 */
public record Drift(String version, Kind kind, String message) {

    public enum Kind { CHECKSUM_CHANGED, FILE_MISSING }
}
