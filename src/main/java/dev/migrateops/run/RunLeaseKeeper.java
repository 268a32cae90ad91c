package dev.migrateops.run;

import dev.migrateops.config.LeaseProperties;
import dev.migrateops.worker.BackgroundLoop;
import dev.migrateops.worker.InstanceId;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Every {@code migrateops.runs.renew}: renews the leases of the runs this instance executes, acts on cancel
 * requests written for them by any instance, and recovers the runs of instances whose leases expired.
 */
@Component
class RunLeaseKeeper extends BackgroundLoop {

    private final RunLeases leases;
    private final ExecutingRuns executing;
    private final ApplyCancellations cancellations;
    private final RunRecovery recovery;
    private final InstanceId me;
    private final LeaseProperties settings;
    private final Clock clock;

    RunLeaseKeeper(RunLeases leases, ExecutingRuns executing, ApplyCancellations cancellations, RunRecovery recovery, InstanceId me, LeaseProperties settings,
                   Clock clock) {
        super("run-leases");
        this.leases = leases;
        this.executing = executing;
        this.cancellations = cancellations;
        this.recovery = recovery;
        this.me = me;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void round() {
        leases.renew(me, executing.now(), clock.instant().plus(settings.lease()));
        leases.cancelsFor(me).forEach(request -> cancellations.cancel(request.runId(), request.by()));
        if (settings.recover()) {
            recovery.recoverExpired();
        }
    }

    @Override
    protected long pauseMillis() {
        return settings.renew().toMillis();
    }
}
