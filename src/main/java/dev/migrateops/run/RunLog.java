package dev.migrateops.run;

import dev.migrateops.audit.Audited;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One log line per run transition, once it has committed: run id, target, state, what happened and who
 * did it, as key=value pairs (and as fields with Spring Boot's structured logging).
 */
@Component
class RunLog {

    private static final Logger log = LoggerFactory.getLogger("migrateops.runs");

    @TransactionalEventListener(fallbackExecution = true)
    void on(RunEvent event) {
        if (!event.runChanged()) {
            return;
        }
        MigrationRun run = event.run();
        String actor = event instanceof Audited audited ? audited.auditEntry().actor().id() : "bot";
        log.atInfo().addKeyValue("run", run.id()).addKeyValue("target", run.target()).addKeyValue("state", run.state())
                .addKeyValue("event", event.getClass().getSimpleName()).addKeyValue("actor", actor)
                .log("run={} target={} state={} event={} actor={}", run.id(), run.target(), run.state(),
                        event.getClass().getSimpleName(), actor);
    }
}
