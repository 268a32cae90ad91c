package dev.migrateops.run;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The runs this instance is working on now (queued or running). Only their leases are renewed: a run whose
 * worker thread ended without closing it — the store went away mid-step, say — loses its lease and is
 * recovered, instead of staying in flight for ever.
 */
@Component
public class ExecutingRuns {

    private final Set<Long> runs = ConcurrentHashMap.newKeySet();

    void add(long runId) {
        runs.add(runId);
    }

    void remove(long runId) {
        runs.remove(runId);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits until this process is no longer working on the run: it ended, or waits for people, or was handed on. */
    public synchronized void awaitDone(long runId) throws InterruptedException {
        while (runs.contains(runId)) {
            wait(1_000);
        }
    }

    Set<Long> now() {
        return Set.copyOf(runs);
    }
}
