package dev.migrateops.cli;

/** The command line was used wrongly; exit code 2. */
class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
