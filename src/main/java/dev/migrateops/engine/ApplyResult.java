package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import java.util.List;
import java.util.Optional;

/**
 * What an apply did.
 *
 * @param applied      migrations applied, in order
 * @param failure      why it stopped, when it did
 * @param notAttempted pending migrations after the failure, left untouched
 */
public record ApplyResult(String target, List<Migration> applied, Optional<MigrationFailure> failure,
                          List<Migration> notAttempted) {

    public ApplyResult {
        applied = List.copyOf(applied);
        notAttempted = List.copyOf(notAttempted);
    }

    public boolean success() {
        return failure.isEmpty();
    }
}
