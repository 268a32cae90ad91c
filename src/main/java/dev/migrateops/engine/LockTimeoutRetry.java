package dev.migrateops.engine;

import dev.migrateops.config.ApplyProperties;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Retries work that failed on {@code lock_timeout} with exponential backoff and jitter, until a total
 * budget is spent. A migration so waits for a gap in live traffic instead of queueing it behind itself.
 */
final class LockTimeoutRetry {

    static final String LOCK_NOT_AVAILABLE = "55P03";

    private final ApplyProperties settings;
    private final Clock clock;

    LockTimeoutRetry(ApplyProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    static boolean isLockTimeout(Throwable e) {
        return e instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState());
    }

    /** When a script that starts now must stop retrying: the budget covers all of its statements. */
    Instant deadline() {
        return clock.instant().plus(settings.retryBudget());
    }

    <T> T run(String version, Instant deadline, CheckedSupplier<T> work, ApplyListener listener) throws SQLException {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        settings.retryInitialInterval(), 2.0, 0.5, settings.retryMaxInterval()))
                .retryOnException(e -> isLockTimeout(e) && !listener.cancelled() && clock.instant().isBefore(deadline))
                .build();
        Retry retry = Retry.of("lock-timeout-" + version, config);
        retry.getEventPublisher().onRetry(event ->
                listener.lockTimeoutRetry(version, event.getNumberOfRetryAttempts(), event.getWaitInterval()));
        try {
            return retry.executeCheckedSupplier(work);
        } catch (SQLException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
