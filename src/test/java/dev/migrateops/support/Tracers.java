package dev.migrateops.support;

import dev.migrateops.config.BackupProperties;
import dev.migrateops.config.TraceProperties;
import dev.migrateops.trace.MigrationTracer;
import dev.migrateops.trace.TraceConfiguration;
import dev.migrateops.trace.TraceServers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A tracer with this machine's client tools (pg_dump and psql on the PATH) and its PostgreSQL server binaries, for tests
 * and benchmarks. The private trace servers it starts are shared by the whole test JVM and end with it.
 */
public final class Tracers {

    private static final class Shared {
        static final TraceServers SERVERS = new TraceServers(TraceProperties.defaults());
    }

    private Tracers() {
    }

    public static MigrationTracer onThisMachine() {
        return TraceConfiguration.tracer(backups(), TraceProperties.defaults(), Shared.SERVERS, Clock.systemUTC());
    }

    /** A tracer on trace servers of its own, as these settings say. */
    public static MigrationTracer with(TraceServers servers, TraceProperties settings) {
        return TraceConfiguration.tracer(backups(), settings, servers, Clock.systemUTC());
    }

    private static BackupProperties backups() {
        return new BackupProperties(Path.of("target", "trace-backups"), Duration.ofMinutes(5), BackupProperties.Switch.AUTO,
                BackupProperties.Switch.AUTO, 10, Duration.ofDays(1), "");
    }
}
