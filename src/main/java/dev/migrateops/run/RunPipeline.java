package dev.migrateops.run;

import dev.migrateops.config.MonitoringProperties;
import dev.migrateops.engine.MigrationEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Takes an approved run through its steps on a bounded executor — pre-checks, backup, apply, verify —
 * then into its monitoring window, or straight to COMPLETED where the target has none. Each step is
 * entered as one transition; a step that fails the run ends it there.
 */
@Component
class RunPipeline {

    private static final Logger log = LoggerFactory.getLogger(RunPipeline.class);

    private final List<RunStep> steps;
    private final RunRepository runs;
    private final RunSteps timeline;
    private final RunEvents events;
    private final RunTransitions transitions;
    private final ApplyCancellations cancellations;
    private final RunRollback rollback;
    private final ExecutingRuns executing;
    private final MigrationEngine engine;
    private final MonitoringProperties monitoring;
    private final Executor executor;
    private final Clock clock;

    RunPipeline(List<RunStep> steps, RunRepository runs, RunSteps timeline, RunEvents events, RunTransitions transitions,
                ApplyCancellations cancellations, RunRollback rollback, ExecutingRuns executing, MigrationEngine engine,
                MonitoringProperties monitoring,
                @Qualifier("pipelineExecutor") Executor executor, Clock clock) {
        this.steps = steps.stream().sorted(Comparator.comparing(RunStep::step)).toList();
        this.runs = runs;
        this.timeline = timeline;
        this.events = events;
        this.transitions = transitions;
        this.cancellations = cancellations;
        this.rollback = rollback;
        this.executing = executing;
        this.engine = engine;
        this.monitoring = monitoring;
        this.executor = executor;
        this.clock = clock;
    }

    void start(long runId) {
        submit(runId, () -> execute(runId, Step.PRECHECKS, true));
    }

    /** Goes on applying a run taken over from a stopped instance, which is in APPLYING already. */
    void resumeApplying(long runId) {
        submit(runId, () -> execute(runId, Step.APPLYING, false));
    }

    void startRollback(long runId) {
        submit(runId, () -> rollback.rollBack(runId));
    }

    private void submit(long runId, Runnable work) {
        executing.add(runId);
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } finally {
                    executing.remove(runId);
                }
            });
        } catch (RejectedExecutionException e) {
            executing.remove(runId);
            transitions.fail(runs.get(runId), new Failure(Failure.Kind.BUSY,
                    "The bot is running as many migrations as it allows at once; request this run again later"));
        }
    }

    private void execute(long runId, Step from, boolean enterFirst) {
        StepContext context = new StepContext();
        try {
            for (RunStep step : steps) {
                if (step.step().compareTo(from) < 0) {
                    continue;
                }
                MigrationRun run = step.step() == from && !enterFirst ? runs.get(runId) : transitions.enter(runId, step.step());
                if (!step.run(run, context)) {
                    return;
                }
            }
            watchOrComplete(runId);
        } catch (IllegalTransitionException | LeaseLostException e) {
            log.info("run #{} stopped: {}", runId, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("run #{} failed unexpectedly", runId, e);
            transitions.fail(runs.get(runId), new Failure(Failure.Kind.UNEXPECTED, "Unexpected error: " + e.getMessage()));
        } finally {
            cancellations.forget(runId);
        }
    }

    private void watchOrComplete(long runId) {
        MigrationRun run = runs.get(runId);
        Duration window = engine.targets().get(run.target()).settings().monitoringWindowOr(monitoring.window());
        if (window.isZero()) {
            transitions.inRun(runId, () -> {
                timeline.finish(runId, "done");
                MigrationRun done = runs.transition(runId, RunState.COMPLETED, null, "completed");
                events.publish(new RunEvent.Completed(done, RunEvent.Completion.VERIFIED_WITHOUT_WINDOW, Optional.empty(), List.of()));
            });
            return;
        }
        Instant until = clock.instant().plus(window);
        transitions.inRun(runId, () -> {
            runs.monitorUntil(runId, until);
            MigrationRun watched = transitions.enterNow(runId, Step.MONITORING);
            events.publish(new RunEvent.MonitoringStarted(watched, until, monitoring.probeInterval()));
        });
    }
}
