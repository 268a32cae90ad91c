package dev.migrateops.backup;

import dev.migrateops.audit.AuditLog;
import dev.migrateops.config.BackupProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires backups from {@code migrateops.backup.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupProperties.class)
public class BackupConfiguration {

    @Bean
    BackupService backupService(BackupProperties properties, Clock clock) {
        return new BackupService(properties, clock);
    }

    @Bean
    BackupToolsHealth backupToolsHealthIndicator(dev.migrateops.engine.TargetRegistry targets, BackupService service,
                                                 @Value("${migrateops.backup.require-tools-at-start:true}") boolean required) {
        return new BackupToolsHealth(targets, service.tools(), required);
    }

    @Bean
    BackupStore backupStore(JdbcClient jdbc) {
        return new BackupStore(jdbc);
    }

    @Bean
    BackupRetention backupRetention(BackupStore store, BackupUsers users, BackupProperties properties, AuditLog audit,
                                    Clock clock) {
        return new BackupRetention(store, users, properties, audit, clock);
    }

    @Bean
    AdHocBackups adHocBackups(dev.migrateops.engine.TargetRegistry targets, BackupService service, BackupStore store,
                              BackupRetention retention, BackupProperties properties, AuditLog audit, Clock clock) {
        return new AdHocBackups(targets, service, store, retention, properties, audit, clock);
    }
}
