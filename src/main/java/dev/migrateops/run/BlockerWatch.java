package dev.migrateops.run;

import dev.migrateops.engine.Blocker;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.worker.Lookouts;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the sessions a migration waits for. Once one of its lock attempts has timed out, it looks every 25 ms at
 * whom the apply session waits for ({@code pg_blocking_pids}) — each attempt waits 50–100 ms, so a look falls
 * inside one — and says so each time an attempt finds another set of blockers, and once more, with none, when the
 * migration is done. Quiet until there is contention, so a target without it is not asked.
 */
final class BlockerWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BlockerWatch.class);
    private static final long LOOK_EVERY_MS = 25;

    private final MigrationRun run;
    private final MigrationEngine engine;
    private final Consumer<RunEvent> tell;
    private final ScheduledExecutorService looker;
    private volatile int pid;
    private volatile String version;
    private volatile boolean armed;
    private Set<Integer> lastSaid = Set.of();

    BlockerWatch(MigrationRun run, MigrationEngine engine, Consumer<RunEvent> tell) {
        this.run = run;
        this.engine = engine;
        this.tell = tell;
        this.looker = Lookouts.named("blockers-run-" + run.id());
        looker.scheduleWithFixedDelay(this::look, LOOK_EVERY_MS, LOOK_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    void sessionStarted(int backendPid) {
        pid = backendPid;
    }

    /** A lock attempt of {@code migration} timed out: from now on, look. */
    void contended(String migration) {
        version = migration;
        armed = true;
    }

    /** The migration is done (or failed): nothing blocks it any more; stop looking until the next contention. */
    synchronized void migrationFinished() {
        armed = false;
        say(List.of());
    }

    private synchronized void look() {
        if (!armed || pid == 0) {
            return;
        }
        try {
            List<Blocker> blockers = engine.blockersOf(run.target(), pid);
            // between two lock attempts nobody is waited for: the blockers last seen stand until an attempt sees others
            if (!blockers.isEmpty()) {
                say(blockers);
            }
        } catch (RuntimeException e) {
            log.debug("run #{}: could not look at the blocking sessions: {}", run.id(), e.getMessage());
        }
    }

    private void say(List<Blocker> blockers) {
        Set<Integer> pids = blockers.stream().map(Blocker::pid).collect(Collectors.toSet());
        if (!pids.equals(lastSaid)) {
            lastSaid = pids;
            tell.accept(new RunEvent.BlockersSeen(run, version, blockers));
        }
    }

    @Override
    public void close() {
        looker.shutdownNow();
    }
}
