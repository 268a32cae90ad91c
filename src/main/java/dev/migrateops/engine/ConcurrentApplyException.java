package dev.migrateops.engine;

/** Another MigrateOps process is changing the same target right now. */
public class ConcurrentApplyException extends RuntimeException {
    public ConcurrentApplyException(String target, String holder) {
        super("another MigrateOps process is changing " + target + " right now (" + holder
                + "); wait for it to finish, then try again");
    }
}
