package dev.migrateops.run;

import dev.migrateops.backup.BackupUsers;
import dev.migrateops.config.LeaseProperties;
import java.util.concurrent.Executor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The bounded executor runs go through: a few at once, a short queue, a refusal beyond that. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeaseProperties.class)
public class RunConfiguration {

    /** Backups of runs that are still active may still be restored: retention keeps them. */
    @Bean
    BackupUsers backupUsers(RunRepository runs) {
        return runId -> runs.find(runId).map(run -> run.state().active()).orElse(false);
    }

    @Bean
    Executor pipelineExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("run-");
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setQueueCapacity(16);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        return executor;
    }
}
