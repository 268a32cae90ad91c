package dev.migrateops.cadence;

import dev.migrateops.config.CadenceProperties;
import dev.migrateops.worker.BackgroundLoop;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Looks at the status schedule and the monitoring windows every {@code migrateops.cadence.poll}. */
@Component
public class CadencePoller extends BackgroundLoop {

    private final StatusScheduler scheduler;
    private final MonitoringWindow monitoring;
    private final CadenceProperties settings;

    public CadencePoller(StatusScheduler scheduler, MonitoringWindow monitoring, CadenceProperties settings) {
        super("status-cadence");
        this.scheduler = scheduler;
        this.monitoring = monitoring;
        this.settings = settings;
    }

    @Override
    protected void round() {
        scheduler.tick();
        monitoring.tick();
    }

    /** Until the next due slot, but never longer than a poll (new runs, monitoring probes, other instances). */
    @Override
    protected long pauseMillis() {
        try {
            Duration next = scheduler.untilNextDue();
            return Math.max(10, Math.min(settings.poll().toMillis(), next.isZero() ? settings.poll().toMillis() : next.toMillis() + 5));
        } catch (RuntimeException e) {
            return settings.poll().toMillis();
        }
    }
}
