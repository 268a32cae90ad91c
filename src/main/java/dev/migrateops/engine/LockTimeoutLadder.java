package dev.migrateops.engine;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The {@code lock_timeout} of each attempt: short first — live traffic queues behind a waiting lock request for
 * at most that long — then doubling, with jitter, up to the ceiling, so a migration that keeps losing the race
 * still gets its lock within the retry budget (the practice PostgresAI and GoCardless describe).
 */
final class LockTimeoutLadder {

    private static final Duration FLOOR = Duration.ofMillis(10);

    private final Duration first;
    private final Duration ceiling;
    private final RandomGenerator random;

    LockTimeoutLadder(Duration first, Duration ceiling, RandomGenerator random) {
        this.first = first.compareTo(ceiling) > 0 ? ceiling : first;
        this.ceiling = ceiling;
        this.random = random;
    }

    /** The timeout of attempt {@code n} (1-based): first × 2^(n−1), ±25 % jitter, never above the ceiling. */
    Duration forAttempt(int n) {
        double base = first.toMillis() * Math.pow(2, Math.min(n - 1, 20));
        double jittered = base * (0.75 + 0.5 * random.nextDouble());
        long millis = Math.max(FLOOR.toMillis(), Math.min(ceiling.toMillis(), Math.round(jittered)));
        return Duration.ofMillis(millis);
    }
}
