package dev.migrateops.engine;

import java.time.Duration;
import java.util.Optional;

/** How one script ended: its duration, and why it failed when it did. */
public record ScriptOutcome(Duration duration, Optional<MigrationFailure> failure) {

    public boolean success() {
        return failure.isEmpty();
    }
}
