package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.engine.MigrationEngine;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Cancel while applying: which target session runs each run's statements here, and who asked to stop it.
 * Held in this instance's memory, where the run executes.
 */
@Component
class ApplyCancellations {

    private final MigrationEngine engine;
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Long, Actor> cancelledBy = new ConcurrentHashMap<>();

    private record Session(String target, int backendPid) {
    }

    ApplyCancellations(MigrationEngine engine) {
        this.engine = engine;
    }

    void sessionStarted(MigrationRun run, int backendPid) {
        sessions.put(run.id(), new Session(run.target(), backendPid));
    }

    /** The running statement is cancelled (its transaction rolls back), and no further statement or retry starts. */
    void cancel(long runId, Actor who) {
        if (cancelledBy.putIfAbsent(runId, who) != null) {
            return;
        }
        Session session = sessions.get(runId);
        if (session != null) {
            engine.cancelBackend(session.target(), session.backendPid());
        }
    }

    Optional<Actor> cancelledBy(long runId) {
        return Optional.ofNullable(cancelledBy.get(runId));
    }

    void forget(long runId) {
        sessions.remove(runId);
        cancelledBy.remove(runId);
    }
}
