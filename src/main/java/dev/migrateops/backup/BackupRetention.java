package dev.migrateops.backup;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.config.BackupProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps the last N backups per target and none older than the maximum age — but never deletes the newest
 * one, nor one taken for a run that may still need it to roll back. Every deletion is audited.
 */
public class BackupRetention {

    private final BackupStore store;
    private final BackupUsers users;
    private final BackupProperties settings;
    private final AuditLog audit;
    private final Clock clock;

    public BackupRetention(BackupStore store, BackupUsers users, BackupProperties settings, AuditLog audit, Clock clock) {
        this.store = store;
        this.users = users;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** Applies the policy to one target; returns what was deleted. */
    public List<BackupArtifact> apply(String target) {
        List<BackupArtifact> live = store.live(target);
        Instant oldest = clock.instant().minus(settings.maxAge());
        List<BackupArtifact> deleted = new ArrayList<>();
        for (int i = 1; i < live.size(); i++) {
            BackupArtifact backup = live.get(i);
            boolean tooMany = i >= settings.keepLast();
            boolean tooOld = backup.createdAt().isBefore(oldest);
            if ((tooMany || tooOld) && (backup.runId() == null || !users.stillNeeds(backup.runId()))) {
                delete(backup, tooOld ? "older than " + settings.maxAge() : "more than " + settings.keepLast() + " kept");
                deleted.add(backup);
            }
        }
        return deleted;
    }

    private void delete(BackupArtifact backup, String why) {
        try {
            Files.deleteIfExists(backup.path());
            Files.deleteIfExists(backup.schemaPath());
        } catch (IOException e) {
            audit.record(backup.runId(), Actor.BOT, "backup.delete_failed", Map.of("backup", backup.id(), "why", e.getMessage()));
            return;
        }
        store.markDeleted(backup.id(), clock.instant());
        audit.record(backup.runId(), Actor.BOT, "backup.deleted", Map.of("backup", backup.id(), "target", backup.target(),
                "path", backup.path().toString(), "sha256", backup.sha256(), "why", why));
    }
}
