package dev.migrateops.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How migrations are applied, from {@code migrateops.apply}.
 *
 * @param lockTimeout          how long one statement may queue for a lock before it gives up and lets
 *                             live traffic through; then it is retried
 * @param statementTimeout     the longest a statement may run; zero means no limit
 * @param retryBudget          the total time a migration may spend retrying lock timeouts
 * @param retryInitialInterval the first wait between retries; it doubles, with jitter
 * @param retryMaxInterval     the longest wait between two retries
 */
public record ApplyProperties(
        @DefaultValue("200ms") Duration lockTimeout,
        @DefaultValue("0s") Duration statementTimeout,
        @DefaultValue("10m") Duration retryBudget,
        @DefaultValue("100ms") Duration retryInitialInterval,
        @DefaultValue("5s") Duration retryMaxInterval) {

    public static ApplyProperties defaults() {
        return new ApplyProperties(Duration.ofMillis(200), Duration.ZERO, Duration.ofMinutes(10),
                Duration.ofMillis(100), Duration.ofSeconds(5));
    }
}
