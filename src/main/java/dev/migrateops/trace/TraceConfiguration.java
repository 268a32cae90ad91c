package dev.migrateops.trace;

import dev.migrateops.backup.SchemaCopies;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.config.TraceProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the tracer to its isolated servers and to the client tools that copy a target's schema. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TraceProperties.class)
public class TraceConfiguration {

    @Bean(destroyMethod = "close")
    TraceServers traceServers(TraceProperties settings) {
        return new TraceServers(settings);
    }

    @Bean(destroyMethod = "close")
    MigrationTracer migrationTracer(BackupProperties backups, TraceProperties settings, TraceServers servers, Clock clock) {
        return tracer(backups, settings, servers, clock);
    }

    /** A tracer: schema copies made with the client tools the backup settings name, on these servers. */
    public static MigrationTracer tracer(BackupProperties backups, TraceProperties settings, TraceServers servers, Clock clock) {
        return new MigrationTracer(new SchemaCopies(new dev.migrateops.backup.PgTools(backups.binDir()), backups.timeout(), clock),
                servers, settings.concurrency());
    }
}
