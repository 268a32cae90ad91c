package dev.migrateops.engine;

import java.util.List;
import java.util.Optional;

/**
 * What a rollback did.
 *
 * @param rolledBack versions undone, newest first
 * @param failure    why it stopped, when it did; the remaining versions stay applied
 */
public record RollbackResult(RollbackPlan plan, List<String> rolledBack, Optional<MigrationFailure> failure) {

    public RollbackResult {
        rolledBack = List.copyOf(rolledBack);
    }

    public boolean success() {
        return failure.isEmpty();
    }
}
