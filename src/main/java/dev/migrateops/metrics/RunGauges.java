package dev.migrateops.metrics;

import dev.migrateops.run.RunRepository;
import dev.migrateops.worker.BackgroundLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.stereotype.Component;

/**
 * {@code migrateops.runs}: how many runs each target has in each state, read from the store every
 * 15 seconds (all instances share the store, so every instance reports the same figures).
 */
@Component
class RunGauges extends BackgroundLoop {

    private final RunRepository runs;
    private final MultiGauge gauge;

    RunGauges(RunRepository runs, MeterRegistry registry) {
        super("run-gauges");
        this.runs = runs;
        this.gauge = MultiGauge.builder("migrateops.runs").description("runs by target and state").register(registry);
    }

    @Override
    protected void round() {
        gauge.register(runs.countByTargetAndState().stream()
                .map(count -> MultiGauge.Row.of(Tags.of("target", count.target(), "state", count.state().name()), count.runs()))
                .toList(), true);
    }

    @Override
    protected long pauseMillis() {
        return 15_000;
    }
}
