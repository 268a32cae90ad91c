package dev.migrateops.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.config.BackupProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
    BackupStore backupStore(JdbcClient jdbc, ObjectMapper json) {
        return new BackupStore(jdbc, json);
    }
}
