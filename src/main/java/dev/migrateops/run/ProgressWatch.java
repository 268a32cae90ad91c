package dev.migrateops.run;

import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.Progress;
import dev.migrateops.worker.Lookouts;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells how far the apply session's running statement is: it looks once a second, says nothing of work shorter
 * than {@link #SHOW_AFTER}, then tells every {@link #SHOW_EVERY} (or at once when an index build enters a new
 * phase), and tells once more when the work has ended. The estimate of the time left is the current phase's pace
 * so far, carried to its end.
 */
final class ProgressWatch implements AutoCloseable {

    static final Duration SHOW_AFTER = Duration.ofSeconds(3);
    static final Duration SHOW_EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ProgressWatch.class);

    private final MigrationRun run;
    private final MigrationEngine engine;
    private final Consumer<RunEvent> tell;
    private final ScheduledExecutorService looker;
    private volatile int pid;
    private volatile String version;
    private Progress shown;
    private long shownAtNanos;
    private Phase phase;

    /** Where the current phase started: when, and with how much done. */
    private record Phase(String key, long startNanos, long doneAtStart) {
    }

    ProgressWatch(MigrationRun run, MigrationEngine engine, Consumer<RunEvent> tell) {
        this.run = run;
        this.engine = engine;
        this.tell = tell;
        this.looker = Lookouts.named("progress-run-" + run.id());
        looker.scheduleWithFixedDelay(this::look, 1, 1, TimeUnit.SECONDS);
    }

    void sessionStarted(int backendPid) {
        pid = backendPid;
    }

    void migrationStarted(String migration) {
        version = migration;
    }

    /** The migration is done: whatever was shown of it has ended. */
    synchronized void migrationFinished() {
        ended();
        version = null;
    }

    private synchronized void look() {
        if (pid == 0 || version == null) {
            return;
        }
        try {
            Optional<Progress> now = engine.progressOf(run.target(), pid);
            if (shown != null && (now.isEmpty() || !now.get().key().equals(shown.key()))) {
                ended();
            }
            now.filter(p -> p.elapsed().compareTo(SHOW_AFTER) >= 0).ifPresent(this::show);
        } catch (RuntimeException e) {
            log.debug("run #{}: could not look at the running statement: {}", run.id(), e.getMessage());
        }
    }

    private void show(Progress progress) {
        long now = System.nanoTime();
        String phaseKey = progress.key() + "/" + progress.phase();
        boolean newPhase = phase == null || !phase.key().equals(phaseKey);
        if (newPhase) {
            phase = new Phase(phaseKey, now, progress.done());
        }
        Progress estimated = progress.withRemaining(remaining(progress, now));
        if (shown == null || newPhase || now - shownAtNanos >= SHOW_EVERY.toNanos()) {
            shown = estimated;
            shownAtNanos = now;
            tell.accept(new RunEvent.WorkProgressed(run, version, estimated));
        } else {
            shown = estimated;
        }
    }

    /** The phase's pace so far, carried to its end; none before a twentieth of it is done. */
    private Duration remaining(Progress progress, long now) {
        long doneInPhase = progress.done() - phase.doneAtStart();
        if (progress.total() <= 0 || doneInPhase <= 0 || progress.done() * 20 < progress.total()) {
            return null;
        }
        long spent = now - phase.startNanos();
        return Duration.ofNanos((long) (spent * ((double) (progress.total() - progress.done()) / doneInPhase)));
    }

    private void ended() {
        if (shown != null) {
            tell.accept(new RunEvent.WorkProgressed(run, version, shown.finishedAfter(
                    shown.elapsed().plusNanos(System.nanoTime() - shownAtNanos))));
        }
        shown = null;
        phase = null;
    }

    @Override
    public void close() {
        looker.shutdownNow();
    }
}
