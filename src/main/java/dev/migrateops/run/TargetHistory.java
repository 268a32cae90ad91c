package dev.migrateops.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrateops.audit.AuditEvent;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.engine.AppliedMigration;
import dev.migrateops.engine.MigrationEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A target's history as people ask for it: what its history table holds, and what runs applied that a rollback took
 * out again. A rollback — by down migrations or by restoring the backup, which puts back the history table as it was —
 * leaves no row on the target, so those come from the runs and their audit trail.
 */
@Component
public class TargetHistory {

    /** How many rolled-back runs a history goes back over. */
    private static final int RUNS = 20;

    private final MigrationEngine engine;
    private final RunRepository runs;
    private final AuditLog audit;

    TargetHistory(MigrationEngine engine, RunRepository runs, AuditLog audit) {
        this.engine = engine;
        this.runs = runs;
        this.audit = audit;
    }

    /** The history of a target: applied migrations, oldest first, and the rolled-back ones, latest first. */
    public record View(List<AppliedMigration> applied, List<RolledBack> rolledBack) {
        public View {
            applied = List.copyOf(applied);
            rolledBack = List.copyOf(rolledBack);
        }

        public boolean isEmpty() {
            return applied.isEmpty() && rolledBack.isEmpty();
        }
    }

    /** A migration a run applied and a rollback of that run took out: {@code how} is the run's outcome ("restored backup #4"). */
    public record RolledBack(String version, String name, long runId, String how, Instant at) {
    }

    public View of(String target) {
        List<RolledBack> rolledBack = new ArrayList<>();
        for (MigrationRun run : runs.inState(target, RunState.ROLLED_BACK, RUNS)) {
            List<AuditEvent> trail = audit.forRun(run.id());
            Set<String> applied = trail.stream().filter(e -> e.action().equals("migration.applied"))
                    .map(e -> audit.details(e).path("version").asText()).collect(Collectors.toSet());
            trail.stream().filter(e -> e.action().equals("rollback.restored") || e.action().equals("rollback.completed"))
                    .reduce((a, b) -> b).ifPresent(rollback -> {
                        Set<String> undone = rollback.action().equals("rollback.restored") ? applied : versions(audit.details(rollback));
                        run.plan().migrations().stream().filter(m -> undone.contains(m.version()))
                                .forEach(m -> rolledBack.add(new RolledBack(m.version(), m.name(), run.id(), run.outcome(), rollback.at())));
                    });
        }
        return new View(engine.history(target), rolledBack);
    }

    private static Set<String> versions(JsonNode details) {
        Set<String> versions = new java.util.HashSet<>();
        details.path("versions").forEach(v -> versions.add(v.asText()));
        return versions;
    }

}
