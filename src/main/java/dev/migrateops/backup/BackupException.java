package dev.migrateops.backup;

/**
 * A backup, its verification or a restore did not work; the message says what and what to do. It reaches the channel,
 * so the bot's own file paths in it are cut to the file names.
 */
public class BackupException extends RuntimeException {
    public BackupException(String message) {
        super(PgProcess.withoutHostPaths(message));
    }

    public BackupException(String message, Throwable cause) {
        super(PgProcess.withoutHostPaths(message), cause);
    }
}
