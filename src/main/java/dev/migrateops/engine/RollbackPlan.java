package dev.migrateops.engine;

import dev.migrateops.catalog.SqlScript;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The down scripts a rollback would run, newest first. When one is missing the rollback needs a restore
 * from backup, and nothing is run.
 */
public record RollbackPlan(String target, List<Step> steps) {

    /** One applied migration to undo, with its down script when there is one. */
    public record Step(AppliedMigration applied, Optional<SqlScript> down) {
        public String label() {
            return applied.version() + " " + applied.name();
        }
    }

    public RollbackPlan {
        steps = List.copyOf(steps);
    }

    public List<Step> withoutDown() {
        return steps.stream().filter(s -> s.down().isEmpty()).toList();
    }

    public boolean restoreRequired() {
        return !withoutDown().isEmpty();
    }

    public String describe() {
        if (steps.isEmpty()) {
            return "nothing to roll back on " + target;
        }
        String list = steps.stream().map(s -> "  - " + s.label()
                + (s.down().isPresent() ? " (" + s.down().get().fileName() + ")" : " — no down file"))
                .collect(Collectors.joining("\n"));
        return (restoreRequired() ? "restore from backup required: " : "rollback by down scripts, newest first:")
                + (restoreRequired() ? withoutDown().stream().map(Step::label).collect(Collectors.joining(", "))
                    + " cannot be undone by a script\n" : "\n") + list;
    }
}
