package dev.migrateops.backup;

/** A backup, its verification or a restore did not work; the message says what and what to do. */
public class BackupException extends RuntimeException {
    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
