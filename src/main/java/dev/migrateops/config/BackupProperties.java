package dev.migrateops.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Backups, from {@code migrateops.backup}.
 *
 * @param dir          where dumps are written
 * @param timeout      the longest one pg_dump or pg_restore may run
 * @param restoreCheck restore each backup into a scratch database and compare row counts: {@code auto}
 *                     does it for targets that require approval
 * @param rehearsal    apply the pending migrations to that restored copy first: {@code auto} does it
 *                     wherever the restore check runs
 * @param keepLast     backups kept per target
 * @param maxAge       older backups are deleted (still keeping the newest one)
 * @param binDir       where pg_dump and pg_restore are; empty: the PATH
 */
@ConfigurationProperties("migrateops.backup")
public record BackupProperties(
        @DefaultValue("backups") Path dir,
        @DefaultValue("1h") Duration timeout,
        @DefaultValue("auto") Switch restoreCheck,
        @DefaultValue("auto") Switch rehearsal,
        @DefaultValue("10") int keepLast,
        @DefaultValue("30d") Duration maxAge,
        @DefaultValue("") String binDir) {

    /** On, off, or decided by the target's policy. */
    public enum Switch { AUTO, ON, OFF }

    public boolean restoreCheckFor(TargetProperties target) {
        return restoreCheck == Switch.ON || restoreCheck == Switch.AUTO && target.approvalsRequired() > 0;
    }

    public boolean rehearsalFor(TargetProperties target) {
        return restoreCheckFor(target) && rehearsal != Switch.OFF;
    }
}
