package dev.migrateops.cli;

import dev.migrateops.audit.AuditLog;
import dev.migrateops.backup.BackupConfiguration;
import dev.migrateops.backup.BackupService;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.trace.TraceConfiguration;
import java.time.Clock;
import dev.migrateops.config.MonitoringProperties;
import dev.migrateops.engine.TargetConfiguration;
import dev.migrateops.policy.ApproverDirectory;
import dev.migrateops.run.RunRequests;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * What the command line needs: the targets and the engine; not Slack. When the bot's own database is
 * configured, also the run core — apply and rollback are runs there, through the same steps as a run
 * requested in Slack — and its audit trail. Not a {@code @Configuration}, so that the bot's component scan
 * leaves it (and its stand-in for Slack's user groups) out: only the command line starts it.
 */
@Import({TargetConfiguration.class, TraceConfiguration.class, CommandLineConfiguration.BotStore.class})
@EnableConfigurationProperties(BackupProperties.class)
public class CommandLineConfiguration {

    /** The bot's store and the run core, only when {@code spring.datasource.url} is set. */
    @ConditionalOnProperty("spring.datasource.url")
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class, JacksonAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class})
    @Import({AuditLog.class, BackupConfiguration.class, dev.migrateops.policy.PolicyConfiguration.class})
    @ComponentScan(basePackageClasses = RunRequests.class)
    @EnableConfigurationProperties(MonitoringProperties.class)
    static class BotStore {

        /** Without Slack, nobody is known to be in a user group: approvers named one by one still count. */
        @Bean
        ApproverDirectory noUserGroups() {
            return (user, group) -> false;
        }
    }
}
