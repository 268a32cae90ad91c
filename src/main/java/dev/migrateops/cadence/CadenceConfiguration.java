package dev.migrateops.cadence;

import dev.migrateops.config.CadenceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code migrateops.cadence.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CadenceProperties.class)
public class CadenceConfiguration {
}
