package dev.migrateops.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class BackgroundLoopTest {

    /** A loop whose third round dies of an error, as one that runs out of memory does. */
    static final class DyingOnce extends BackgroundLoop {
        final AtomicInteger rounds = new AtomicInteger();

        DyingOnce() {
            super("dying-once");
        }

        @Override
        protected void round() {
            if (rounds.incrementAndGet() == 3) {
                throw new OutOfMemoryError("simulated: Java heap space");
            }
        }

        @Override
        protected long pauseMillis() {
            return 20;
        }
    }

    @Test
    void aLoopWhoseThreadDiesOfAnErrorIsStartedAgainCountedAndReported() {
        DyingOnce loop = new DyingOnce();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new BackgroundLoopMetrics(List.of(loop)).bindTo(meters);
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.rounds.get() >= 6);

            assertThat(loop.restarts()).isEqualTo(1);
            assertThat(loop.lastDeath()).contains("OutOfMemoryError: simulated: Java heap space");
            assertThat(loop.alive()).isTrue();
            assertThat(meters.get("migrateops.background.loop.restarts").tag("loop", "dying-once").functionCounter().count())
                    .isEqualTo(1.0);
            Health health = new BackgroundLoopsHealth(List.of(loop)).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("dying-once",
                    Map.of("alive", true, "restarts", 1L, "lastDeath", "OutOfMemoryError: simulated: Java heap space"));
        } finally {
            loop.stop();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !loop.alive());
    }
}
