package dev.migrateops.metrics;

import dev.migrateops.lint.Finding;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.Step;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Run events as meters, counted once what they tell has committed: step durations by step, target and
 * outcome; lock-timeout retries and how long each attempt waited (the worst stall is the summary's max);
 * backup sizes and restore-check times; lint findings of requested runs by rule and severity.
 */
@Component
class RunMetrics {

    private final MeterRegistry registry;
    /** The step each run executing here is in, and since when. */
    private final Map<Long, StepClock> steps = new ConcurrentHashMap<>();

    private record StepClock(Step step, long startedNanos) {
    }

    RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RunEvent event) {
        long run = event.run().id();
        String target = event.run().target();
        if (event instanceof RunEvent.StepStarted started) {
            stepEnded(run, target, "ok");
            steps.put(run, new StepClock(started.step(), System.nanoTime()));
        } else if (event instanceof RunEvent.Completed) {
            stepEnded(run, target, "ok");
        } else if (event instanceof RunEvent.Failed || event instanceof RunEvent.Interrupted || event instanceof RunEvent.Cancelled) {
            stepEnded(run, target, "failed");
        } else if (event instanceof RunEvent.LockRetry retry) {
            registry.counter("migrateops.apply.lock.retries", "target", target).increment();
            DistributionSummary.builder("migrateops.apply.lock.wait").baseUnit("milliseconds").tag("target", target)
                    .description("how long a statement waited for its lock before lock_timeout let traffic through")
                    .register(registry).record(retry.waited().toMillis());
        } else if (event instanceof RunEvent.BackupTaken taken) {
            DistributionSummary.builder("migrateops.backup.size").baseUnit("bytes").tag("target", target)
                    .register(registry).record(taken.backup().sizeBytes());
        } else if (event instanceof RunEvent.BackupVerified verified) {
            Timer.builder("migrateops.backup.verification").tag("target", target).register(registry).record(verified.took());
        } else if (event instanceof RunEvent.Requested requested) {
            for (Finding finding : requested.run().plan().lint()) {
                registry.counter("migrateops.lint.findings", "rule", finding.rule(), "severity", finding.severity().name()).increment();
            }
        }
    }

    private void stepEnded(long run, String target, String outcome) {
        StepClock clock = steps.remove(run);
        if (clock != null) {
            Timer.builder("migrateops.run.step").tag("step", clock.step().name()).tag("target", target).tag("outcome", outcome)
                    .register(registry).record(Duration.ofNanos(System.nanoTime() - clock.startedNanos()));
        }
    }
}
