package dev.migrateops.cli;

import dev.migrateops.audit.AuditLog;
import dev.migrateops.engine.TargetConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What the command line needs: the targets and the engine; not Slack. When the bot's own database is
 * configured, also its audit trail, so that break-glass changes are audited like any other.
 */
@Configuration(proxyBeanMethods = false)
@Import({TargetConfiguration.class, CommandLineConfiguration.BotStore.class})
public class CommandLineConfiguration {

    /** The bot's store, only when {@code spring.datasource.url} is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("spring.datasource.url")
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class, JacksonAutoConfiguration.class})
    @Import(AuditLog.class)
    static class BotStore {
    }
}
