package dev.migrateops.worker;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A daemon thread that runs a round of work, pauses, and repeats for as long as the application runs.
 * A round that fails is logged and the loop goes on; {@link #wake()} cuts a pause short.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String name;
    private final Semaphore wake = new Semaphore(0);
    private volatile Thread worker;

    protected BackgroundLoop(String name) {
        this.name = name;
    }

    /** One round of work. */
    protected abstract void round();

    /** How long to pause before the next round, unless woken earlier. */
    protected abstract long pauseMillis();

    public void wake() {
        wake.release();
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    private void loop() {
        while (worker == Thread.currentThread()) {
            try {
                round();
            } catch (RuntimeException e) {
                log.warn("{} round failed: {}", name, e.getMessage());
            }
            try {
                wake.tryAcquire(pauseMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
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
