package dev.migrateops.cadence;

import dev.migrateops.config.CadenceProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Looks at the status schedule and the monitoring windows every {@code migrateops.cadence.poll}. */
@Component
public class CadencePoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CadencePoller.class);

    private final StatusScheduler scheduler;
    private final MonitoringWindow monitoring;
    private final CadenceProperties settings;
    private volatile Thread worker;

    public CadencePoller(StatusScheduler scheduler, MonitoringWindow monitoring, CadenceProperties settings) {
        this.scheduler = scheduler;
        this.monitoring = monitoring;
        this.settings = settings;
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::loop, "status-cadence");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    private void loop() {
        while (worker == Thread.currentThread()) {
            try {
                scheduler.tick();
                monitoring.tick();
            } catch (RuntimeException e) {
                log.warn("status cadence round failed: {}", e.getMessage());
            }
            try {
                Thread.sleep(nap());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Until the next due slot, but never longer than a poll (new runs, monitoring probes, other instances). */
    private long nap() {
        try {
            Duration next = scheduler.untilNextDue();
            return Math.max(10, Math.min(settings.poll().toMillis(), next.isZero() ? settings.poll().toMillis() : next.toMillis() + 5));
        } catch (RuntimeException e) {
            return settings.poll().toMillis();
        }
    }

    @Override
    public void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
