package dev.migrateops.worker;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A daemon thread that runs a round of work, pauses, and repeats for as long as the application runs.
 * A round that fails is logged and the loop goes on; a thread that dies of an {@link Error} (out of memory, a stack
 * overflow) is counted, logged and started again after a pause, never left for dead while the loop claims to run.
 * {@link #wake()} cuts a pause short.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String name;
    private final Semaphore wake = new Semaphore(0);
    private volatile Thread worker;
    private final AtomicLong restarts = new AtomicLong();
    private volatile String lastDeath;

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

    public String name() {
        return name;
    }

    /** How often its thread died and was started again. */
    public long restarts() {
        return restarts.get();
    }

    /** What its thread last died of, if it ever did. */
    public Optional<String> lastDeath() {
        return Optional.ofNullable(lastDeath);
    }

    /** Whether its thread is alive: false only before start, after stop, or for the moment between a death and the restart. */
    public boolean alive() {
        Thread thread = worker;
        return thread != null && thread.isAlive();
    }

    @Override
    public void start() {
        startThread(false);
    }

    private void startThread(boolean afterDeath) {
        Thread thread = new Thread(() -> loop(afterDeath), name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(this::died);
        worker = thread;
        thread.start();
    }

    private void died(Thread thread, Throwable error) {
        if (worker != thread) {
            return; // stopped meanwhile
        }
        restarts.incrementAndGet();
        lastDeath = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        log.error("{} died of {}; starting it again", name, lastDeath, error);
        startThread(true);
    }

    private void loop(boolean afterDeath) {
        if (afterDeath && !pause()) {
            return; // a pause first: an error on every round must not spin
        }
        while (worker == Thread.currentThread()) {
            try {
                round();
            } catch (RuntimeException e) {
                log.warn("{} round failed: {}", name, e.getMessage());
            }
            if (!pause()) {
                return;
            }
        }
    }

    /** False when interrupted: the loop is being stopped. */
    private boolean pause() {
        try {
            wake.tryAcquire(pauseMillis(), TimeUnit.MILLISECONDS);
            wake.drainPermits();
            return true;
        } catch (InterruptedException e) {
            return false;
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
