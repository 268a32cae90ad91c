package dev.migrateops.backup;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.engine.TargetRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A backup asked for directly: outside any run, verified like a run's, audited, no approval needed. */
public class AdHocBackups {

    /** The backup and how its verification went. */
    public record Result(BackupArtifact backup, Verification verification, List<BackupArtifact> retired) {
    }

    private final TargetRegistry targets;
    private final BackupService service;
    private final BackupStore store;
    private final BackupRetention retention;
    private final BackupProperties settings;
    private final AuditLog audit;
    private final Clock clock;

    public AdHocBackups(TargetRegistry targets, BackupService service, BackupStore store, BackupRetention retention,
                        BackupProperties settings, AuditLog audit, Clock clock) {
        this.targets = targets;
        this.service = service;
        this.store = store;
        this.retention = retention;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    public Result take(String targetName, Actor actor) {
        TargetDatabase target = targets.get(targetName);
        audit.record(null, actor, "backup.adhoc_requested", Map.of("target", targetName));
        BackupArtifact backup;
        try {
            backup = store.save(service.take(target, null, BackupListener.NONE));
        } catch (BackupException e) {
            audit.record(null, actor, "backup.adhoc_failed", Map.of("target", targetName, "why", e.getMessage()));
            throw e;
        }
        Verification verification = service.verify(backup, target, settings.restoreCheckFor(target.settings()), Optional.empty());
        if (verification.passed()) {
            backup = store.markVerified(backup, clock.instant(), verification.summary());
        }
        audit.record(null, actor, "backup.adhoc", Map.of("target", targetName, "backup", backup.id(), "path", backup.path().toString(),
                "bytes", backup.sizeBytes(), "sha256", backup.sha256(), "verification", verification.passed()
                        ? verification.summary() : String.join("; ", verification.failures()),
                "pgDumpStderr", String.valueOf(backup.stderr())));
        return new Result(backup, verification, retention.apply(targetName));
    }

    public List<BackupArtifact> list(String targetName) {
        targets.get(targetName);
        return store.live(targetName);
    }
}
