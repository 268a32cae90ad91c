package dev.migrateops.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How migrations are applied, from {@code migrateops.apply}.
 *
 * @param lockTimeout          the ceiling: the longest one attempt may queue for a lock before it gives up
 *                             and lets live traffic through; then it is retried
 * @param firstLockTimeout     the first attempt's lock_timeout; each retry doubles it, with jitter, up to
 *                             {@code lockTimeout}
 * @param statementTimeout     the longest a statement may run; zero means no limit
 * @param retryBudget          the total time a migration may spend retrying lock timeouts
 * @param retryInitialInterval the first wait between retries; it doubles, with jitter
 * @param retryMaxInterval     the longest wait between two retries
 */
public record ApplyProperties(
        @DefaultValue("100ms") Duration lockTimeout,
        @DefaultValue("0s") Duration statementTimeout,
        @DefaultValue("10m") Duration retryBudget,
        @DefaultValue("100ms") Duration retryInitialInterval,
        @DefaultValue("5s") Duration retryMaxInterval,
        @DefaultValue("50ms") Duration firstLockTimeout) {

    public ApplyProperties {
        firstLockTimeout = firstLockTimeout == null ? Duration.ofMillis(50) : firstLockTimeout;
    }

    public static ApplyProperties defaults() {
        return new ApplyProperties(Duration.ofMillis(100), Duration.ZERO, Duration.ofMinutes(10),
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(50));
    }

    /** These settings with a target's own lock-timeout ceiling and retry budget, where it sets them. */
    public ApplyProperties forTarget(TargetProperties target) {
        return new ApplyProperties(target.lockTimeout() == null ? lockTimeout : target.lockTimeout(), statementTimeout,
                target.retryBudget() == null ? retryBudget : target.retryBudget(), retryInitialInterval, retryMaxInterval,
                firstLockTimeout);
    }
}
