package dev.migrateops.lint;

/**
 * One thing the linter found.
 *
 * @param rule         the rule id, e.g. {@code index-not-concurrent}; used in {@code -- migrateops:allow}
 * @param location     file:line of the statement
 * @param why          why it is dangerous on a live database
 * @param fix          the safe rewrite
 * @param acknowledged the reason given in an inline {@code -- migrateops:allow}, or null
 */
public record Finding(String rule, Severity severity, String location, String why, String fix, String acknowledged) {

    public boolean blocking() {
        return severity == Severity.ERROR && acknowledged == null;
    }

    public Finding acknowledge(String reason) {
        return new Finding(rule, severity, location, why, fix, reason);
    }

    /** "ERROR index-not-concurrent at x.sql:3 — why. Instead: fix". */
    public String describe() {
        return severity + " " + rule + " at " + location + " — " + why + " Instead: " + fix
                + (acknowledged == null ? "" : " (allowed: " + acknowledged + ")");
    }
}
