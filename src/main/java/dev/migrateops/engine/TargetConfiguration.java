package dev.migrateops.engine;

import dev.migrateops.catalog.MigrationSources;
import dev.migrateops.config.MigrateOpsProperties;
import dev.migrateops.worker.InstanceId;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the engine from {@code migrateops.*} settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MigrateOpsProperties.class)
public class TargetConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    InstanceId instanceId() {
        return InstanceId.random();
    }

    @Bean(destroyMethod = "close")
    TargetRegistry targetRegistry(MigrateOpsProperties properties, InstanceId instance) {
        return new TargetRegistry(properties, instance.applicationName());
    }

    @Bean
    MigrationEngine migrationEngine(TargetRegistry targets, MigrateOpsProperties properties, Clock clock) {
        return new MigrationEngine(targets, properties.apply(), clock, new MigrationSources(properties));
    }
}
