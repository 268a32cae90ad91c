package dev.migrateops.trace;

import dev.migrateops.backup.BackupService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the tracer to the client tools that copy a target's schema. */
@Configuration(proxyBeanMethods = false)
public class TraceConfiguration {

    @Bean
    MigrationTracer migrationTracer(BackupService backups) {
        return new MigrationTracer(backups);
    }
}
