package dev.migrateops.run;

import dev.migrateops.engine.ApplyResult;
import java.util.Map;
import java.util.Optional;

/** What one step of a run leaves for the next: the apply's result and the row counts taken before it. */
final class StepContext {

    /** What the apply step did, and the rows per touched table before it ran. */
    record Applied(ApplyResult result, Map<String, Long> rowsBefore) {
    }

    private Applied applied;

    void applied(Applied what) {
        this.applied = what;
    }

    Optional<Applied> applied() {
        return Optional.ofNullable(applied);
    }
}
