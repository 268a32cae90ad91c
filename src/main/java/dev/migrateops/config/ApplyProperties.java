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
 * @param blastRadius          how much waiting one lock attempt may cause: the sessions queued behind the migration's
 *                             lock request, times how long they queued (2 sessions for 0.5 s = 1 s); an attempt that
 *                             spends it is stopped early and retried. Zero turns the watch off
 * @param replicationLagLimit  between statements of a migration run outside a transaction, and between retries, the
 *                             apply waits while a replica replays more than this behind. Zero turns it off
 */
public record ApplyProperties(
        @DefaultValue("100ms") Duration lockTimeout,
        @DefaultValue("0s") Duration statementTimeout,
        @DefaultValue("10m") Duration retryBudget,
        @DefaultValue("100ms") Duration retryInitialInterval,
        @DefaultValue("5s") Duration retryMaxInterval,
        @DefaultValue("50ms") Duration firstLockTimeout,
        @DefaultValue("1s") Duration blastRadius,
        @DefaultValue("30s") Duration replicationLagLimit) {

    public ApplyProperties {
        firstLockTimeout = firstLockTimeout == null ? Duration.ofMillis(50) : firstLockTimeout;
        blastRadius = blastRadius == null ? Duration.ofSeconds(1) : blastRadius;
        replicationLagLimit = replicationLagLimit == null ? Duration.ofSeconds(30) : replicationLagLimit;
    }

    public static ApplyProperties defaults() {
        return new ApplyProperties(Duration.ofMillis(100), Duration.ZERO, Duration.ofMinutes(10),
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** These settings with a target's own lock-timeout ceiling, retry budget, blast radius and lag limit, where it sets them. */
    public ApplyProperties forTarget(TargetProperties target) {
        return new ApplyProperties(target.lockTimeout() == null ? lockTimeout : target.lockTimeout(), statementTimeout,
                target.retryBudget() == null ? retryBudget : target.retryBudget(), retryInitialInterval, retryMaxInterval,
                firstLockTimeout, target.blastRadius() == null ? blastRadius : target.blastRadius(),
                target.replicationLagLimit() == null ? replicationLagLimit : target.replicationLagLimit());
    }
}
