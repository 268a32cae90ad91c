package dev.migrateops.slack.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox as meters: {@code migrateops.slack.outbox.pending} (messages not yet delivered) and
 * {@code migrateops.slack.outbox.oldest.age} (seconds the oldest of them has waited). Read at each scrape;
 * NaN while the store cannot be read.
 */
@Component
class OutboxGauges {

    private final JdbcClient jdbc;
    private final Clock clock;

    OutboxGauges(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("migrateops.slack.outbox.pending", this, OutboxGauges::pending)
                .description("messages waiting to be delivered to Slack").register(registry);
        Gauge.builder("migrateops.slack.outbox.oldest.age", this, OutboxGauges::oldestAgeSeconds).baseUnit("seconds")
                .description("how long the oldest undelivered message has waited").register(registry);
    }

    private double pending() {
        try {
            return jdbc.sql("SELECT count(*) FROM slack_outbox WHERE status = 'PENDING'").query(Long.class).single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private double oldestAgeSeconds() {
        try {
            return jdbc.sql("SELECT min(created_at) FROM slack_outbox WHERE status = 'PENDING'").query(Timestamp.class).optional()
                    .map(oldest -> Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0).orElse(0.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
