package dev.migrateops.run;

import dev.migrateops.engine.PlanSnapshot;
import dev.migrateops.engine.PreCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Right before anything is touched: the plan is still the approved one (else approvals are void and the run
 * goes back to REQUESTED), no drift, upstream applied, and the live pre-checks pass, each {@code .check.sql}
 * among them (finding nothing). Any finding fails the run with nothing applied.
 */
@Component
class PreChecksStep implements RunStep {

    private final RunPlanner planner;
    private final RunRepository runs;
    private final RunEvents events;
    private final RunTransitions transitions;

    PreChecksStep(RunPlanner planner, RunRepository runs, RunEvents events, RunTransitions transitions) {
        this.planner = planner;
        this.runs = runs;
        this.events = events;
        this.transitions = transitions;
    }

    @Override
    public Step step() {
        return Step.PRECHECKS;
    }

    @Override
    public boolean run(MigrationRun run, StepContext context) {
        long start = System.nanoTime();
        PlanSnapshot snapshot = planner.snapshot(run);
        RunPlan ready = planner.readinessOf(run, snapshot);
        if (!ready.fingerprint().equals(run.plan().fingerprint())) {
            sendBack(run, planner.plan(run.target(), RunPlanner.upTo(run), RunPlanner.revisionOf(run)));
            return false;
        }
        // connection and drift are proven by the snapshot just read
        List<String> checks = new ArrayList<>(List.of("connection", "drift", "upstream"));
        List<String> findings = new ArrayList<>(ready.drift());
        findings.addAll(ready.missingUpstream());
        // the live checks include each migration's .check.sql
        List<PreCheck> live = planner.preChecks(snapshot);
        live.stream().map(PreCheck::name).filter(name -> !checks.contains(name)).forEach(checks::add);
        live.stream().filter(c -> c.status() == PreCheck.Status.FAIL).forEach(c -> findings.add(c.name() + ": " + c.detail()));
        RunEvent.PreChecksDone done = new RunEvent.PreChecksDone(run, checks, findings,
                live.stream().filter(c -> c.status() == PreCheck.Status.WARN).toList(), Duration.ofNanos(System.nanoTime() - start));
        if (!done.passed()) {
            transitions.fail(run, new Failure(Failure.Kind.PRECHECKS, "Pre-checks failed — nothing was applied", findings), done);
            return false;
        }
        transitions.tell(done);
        return true;
    }

    /** The migrations changed after approval: the approvals are void, and the run waits for new ones. */
    private void sendBack(MigrationRun run, RunPlan now) {
        String why = run.plan().differenceFrom(now);
        transitions.inRun(run.id(), () -> {
            runs.replacePlan(run.id(), now, why);
            MigrationRun back = runs.transition(run.id(), RunState.REQUESTED, null, null);
            events.publish(new RunEvent.ApprovalsVoided(back, why, true));
        });
    }
}
