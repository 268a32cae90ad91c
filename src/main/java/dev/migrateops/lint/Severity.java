package dev.migrateops.lint;

/** An error blocks a request until an approver overrides it with a reason; a warning informs. */
public enum Severity { ERROR, WARNING }
