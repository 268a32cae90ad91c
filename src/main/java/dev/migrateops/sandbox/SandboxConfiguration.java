package dev.migrateops.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrateops.config.MigrateOpsProperties;
import dev.migrateops.config.SlackProperties;
import dev.migrateops.config.TargetProperties;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Sandbox mode: started without a Slack token, MigrateOps runs against a local Slack stand-in served at
 * {@code /sandbox}, with two demo targets on an embedded PostgreSQL (or the configured datasource's
 * server). The bot itself is unchanged: it calls the stand-in's Web API and receives signed requests at
 * {@code /slack/events}, as it would from Slack.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxConfiguration {

    @Bean
    static SandboxSettings sandboxSettings() {
        return new SandboxSettings();
    }

    @Bean(destroyMethod = "close")
    SandboxPostgres sandboxPostgres(SandboxProperties sandbox, MigrateOpsProperties properties) {
        Path migrations = properties.targets().values().stream().map(TargetProperties::migrationsDir).findFirst()
                .orElse(Path.of("migrations"));
        return SandboxPostgres.start(sandbox, new DemoShop(migrations.resolve("demo")));
    }

    /** The bot's own store, on the embedded server, when no datasource is configured. */
    @Bean
    @ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
    DataSource dataSource(SandboxPostgres postgres, SandboxProperties sandbox) {
        return DataSourceBuilder.create().type(HikariDataSource.class).url(postgres.storeUrl())
                .username(sandbox.databaseUser()).build();
    }

    @Bean
    StandInWorkspace standInWorkspace(Clock clock, SandboxProperties sandbox) {
        return new StandInWorkspace(clock, sandbox.channel());
    }

    @Bean
    SlackEventsClient slackEventsClient(SlackProperties slack, Environment environment, ObjectMapper json, Clock clock) {
        return new SlackEventsClient(slack, environment, json, clock);
    }

    @Bean
    SandboxAnnouncement sandboxAnnouncement(SandboxProperties sandbox, Environment environment, SandboxPostgres postgres) {
        return new SandboxAnnouncement(sandbox, environment, postgres);
    }
}
