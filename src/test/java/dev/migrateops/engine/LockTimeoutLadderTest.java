package dev.migrateops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LockTimeoutLadderTest {

    private final LockTimeoutLadder ladder = new LockTimeoutLadder(Duration.ofMillis(50), Duration.ofMillis(200), new SplittableRandom(7));

    @Test
    void theFirstAttemptWaitsAboutTheShortTimeoutAndLaterOnesGrowToTheCeilingNeverAbove() {
        assertThat(ladder.forAttempt(1)).isBetween(Duration.ofMillis(37), Duration.ofMillis(63));
        assertThat(ladder.forAttempt(2)).isBetween(Duration.ofMillis(75), Duration.ofMillis(125));
        assertThat(IntStream.rangeClosed(3, 40).mapToObj(ladder::forAttempt))
                .allSatisfy(timeout -> assertThat(timeout).isBetween(Duration.ofMillis(150), Duration.ofMillis(200)));
    }

    @Test
    void aFirstTimeoutAboveTheCeilingIsTheCeiling() {
        LockTimeoutLadder odd = new LockTimeoutLadder(Duration.ofSeconds(1), Duration.ofMillis(100), new SplittableRandom(1));
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(odd::forAttempt)).allSatisfy(t -> assertThat(t).isLessThanOrEqualTo(Duration.ofMillis(100)));
    }
}
