package dev.migrateops.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How one script ended: its duration, why it failed when it did, and how hard it had to try for its locks.
 *
 * @param lockTimeouts the lock_timeout of each attempt, in order
 */
public record ScriptOutcome(Duration duration, Optional<MigrationFailure> failure, List<Duration> lockTimeouts) {

    public ScriptOutcome {
        lockTimeouts = List.copyOf(lockTimeouts);
    }

    public boolean success() {
        return failure.isEmpty();
    }

    public int attempts() {
        return lockTimeouts.size();
    }

    /** The longest live traffic could have queued behind one of this script's lock requests. */
    public Duration worstLockWait() {
        return lockTimeouts.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
