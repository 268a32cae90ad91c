package dev.migrateops.support;

import dev.migrateops.backup.BackupService;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.trace.MigrationTracer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A tracer with this machine's client tools (pg_dump and psql on the PATH), for tests and benchmarks. */
public final class Tracers {

    private Tracers() {
    }

    public static MigrationTracer onThisMachine() {
        return new MigrationTracer(new BackupService(new BackupProperties(Path.of("target", "trace-backups"), Duration.ofMinutes(5),
                BackupProperties.Switch.AUTO, BackupProperties.Switch.AUTO, 10, Duration.ofDays(1), ""), Clock.systemUTC()));
    }
}
