package dev.migrateops.worker;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code migrateops_background_loop_restarts_total{loop}}: how often each loop's thread died and was started again. */
@Component
class BackgroundLoopMetrics implements MeterBinder {

    private final List<BackgroundLoop> loops;

    BackgroundLoopMetrics(List<BackgroundLoop> loops) {
        this.loops = loops;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (BackgroundLoop loop : loops) {
            FunctionCounter.builder("migrateops.background.loop.restarts", loop, BackgroundLoop::restarts)
                    .description("Times a background loop's thread died of an error and was started again")
                    .tag("loop", loop.name()).register(registry);
        }
    }
}
