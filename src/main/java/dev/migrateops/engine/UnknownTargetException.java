package dev.migrateops.engine;

import java.util.Collection;

/** A target name that is not configured; the message lists the ones that are. */
public class UnknownTargetException extends RuntimeException {
    public UnknownTargetException(String name, Collection<String> known) {
        super("unknown target '" + name + "'; targets: " + (known.isEmpty() ? "(none configured)" : String.join(", ", known)));
    }
}
