package dev.migrateops.run;

import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.VerificationReport;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * After the apply: each applied migration's {@code .verify.sql} finds nothing, no index is left invalid,
 * and the touched tables' row counts are compared with those before. A failure fails the run.
 */
@Component
class VerifyStep implements RunStep {

    private final MigrationEngine engine;
    private final RunTransitions transitions;

    VerifyStep(MigrationEngine engine, RunTransitions transitions) {
        this.engine = engine;
        this.transitions = transitions;
    }

    @Override
    public Step step() {
        return Step.VERIFYING;
    }

    @Override
    public boolean run(MigrationRun run, StepContext context) {
        StepContext.Applied applied = context.applied().orElseThrow(() -> new IllegalStateException("nothing was applied to verify"));
        VerificationReport report = applied.result().applied().isEmpty()
                ? new VerificationReport(List.of(), List.of(), List.of(), List.of())
                : engine.verify(run.target(), applied.result().applied(), applied.rowsBefore());
        RunEvent.Verified verified = new RunEvent.Verified(run, report);
        if (!report.passed()) {
            transitions.fail(run, new Failure(Failure.Kind.VERIFICATION, "Verification failed", report.failures()), verified);
            return false;
        }
        transitions.tell(verified);
        return true;
    }
}
