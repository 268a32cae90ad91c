package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.catalog.Migration;
import dev.migrateops.engine.AppliedMigration;
import dev.migrateops.engine.ApplyRequest;
import dev.migrateops.engine.ApplyResult;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.PlanSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Applies exactly the approved migrations (their checksums are checked again under the target's lock),
 * telling each one as it starts and ends and auditing every statement by hash. A failure or a cancel
 * fails the run with what was and was not applied.
 */
@Component
class ApplyStep implements RunStep {

    private final RunPlanner planner;
    private final MigrationEngine engine;
    private final RunTransitions transitions;
    private final ApplyCancellations cancellations;

    ApplyStep(RunPlanner planner, MigrationEngine engine, RunTransitions transitions, ApplyCancellations cancellations) {
        this.planner = planner;
        this.engine = engine;
        this.transitions = transitions;
        this.cancellations = cancellations;
    }

    @Override
    public Step step() {
        return Step.APPLYING;
    }

    @Override
    public boolean run(MigrationRun run, StepContext context) {
        PlanSnapshot snapshot = planner.snapshot(run);
        // a run taken over part-way has applied some of its migrations already: the rest must be the approved rest
        Set<String> appliedByThisRun = snapshot.plan().applied().stream()
                .filter(row -> row.success() && String.valueOf(run.id()).equals(row.runId())).map(AppliedMigration::version)
                .collect(Collectors.toSet());
        ApplyRequest request = new ApplyRequest(run.requester().name() + " (" + run.requester().id() + ")",
                String.valueOf(run.id()), run.reason(), RunPlanner.upTo(run),
                Optional.of(run.plan().migrations().stream().filter(m -> !appliedByThisRun.contains(m.version()))
                        .map(m -> m.version() + ":" + m.checksum()).toList()));
        Map<String, Long> before = engine.rowCounts(snapshot);
        RunNarrator narrator = new RunNarrator(run, transitions, cancellations, engine);
        ApplyResult result;
        try {
            result = engine.applyPending(snapshot, request, narrator);
        } finally {
            narrator.stopWatching();
        }
        narrator.flush();
        if (!result.success()) {
            String failure = result.failure().get().describe();
            String applied = result.applied().stream().map(Migration::label).collect(Collectors.joining(", "));
            String notApplied = result.notAttempted().stream().map(Migration::label).collect(Collectors.joining(", "));
            List<String> details = new ArrayList<>(List.of("Applied: " + (applied.isEmpty() ? "nothing" : applied)));
            if (!notApplied.isEmpty()) {
                details.add("Not attempted: " + notApplied);
            }
            Optional<Actor> canceller = cancellations.cancelledBy(run.id());
            transitions.fail(run, canceller.map(who -> new Failure(Failure.Kind.CANCELLED, "Cancelled by " + who.name() + ". " + failure,
                    details)).orElseGet(() -> new Failure(Failure.Kind.APPLY, failure, details)));
            return false;
        }
        context.applied(new StepContext.Applied(result, before));
        return true;
    }
}
