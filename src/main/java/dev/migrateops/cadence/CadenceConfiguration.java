package dev.migrateops.cadence;

import dev.migrateops.config.CadenceProperties;
import dev.migrateops.config.MonitoringProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code migrateops.cadence.*} and {@code migrateops.monitoring.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CadenceProperties.class, MonitoringProperties.class})
public class CadenceConfiguration {
}
