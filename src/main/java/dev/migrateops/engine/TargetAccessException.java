package dev.migrateops.engine;

import java.sql.SQLException;

/** The target could not be read or written (down, refused, lost connection); says which and where. */
public class TargetAccessException extends RuntimeException {
    public TargetAccessException(TargetDatabase target, String action, SQLException cause) {
        super("could not " + action + " on " + target.name() + " (" + target.description() + "): "
                + cause.getMessage(), cause);
    }
}
