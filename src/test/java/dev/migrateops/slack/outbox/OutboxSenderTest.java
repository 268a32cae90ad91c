package dev.migrateops.slack.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.migrateops.support.BotStore;
import dev.migrateops.support.FakeSlackApi;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox against a Slack that hangs: nothing in the store waits on Slack's answer. */
class OutboxSenderTest {

    private final BotStore store = new BotStore("outbox");
    private final FakeSlackApi slack = new FakeSlackApi();
    private final OutboxSender sender;

    OutboxSenderTest() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiBaseUrl());
        config.setStatsEnabled(false);
        sender = new OutboxSender(store.jdbc(), store.transactions(), new SlackCards(store.jdbc()), new SlackLiveReplies(store.jdbc()),
                Slack.getInstance(config).methods("xoxb-test"), Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @AfterEach
    void closeThem() {
        slack.close();
        store.close();
    }

    @Test
    void whileSlackHangsTheMessagesRowIsFreeAndNoStoreTransactionIsOpen() throws Exception {
        long id = store.jdbc().sql("INSERT INTO slack_outbox (channel, kind, text, next_attempt_at, created_at)"
                + " VALUES ('C0OPS', 'CHANNEL_MESSAGE', 'Status: run #7 is applying', now(), now()) RETURNING id").query(Long.class).single();
        CountDownLatch slackBack = slack.hang("chat.postMessage", "C0OPS");
        CompletableFuture<Integer> delivering = CompletableFuture.supplyAsync(sender::deliverDue);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.hanging() > 0);

        // 12 s of a hanging Slack: past the client's read timeout, so that its retry hangs too
        double longest = 0;
        long end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        while (System.nanoTime() < end) {
            longest = Math.max(longest, Double.parseDouble(store.database().column("SELECT coalesce(max(extract(epoch FROM now()"
                    + " - xact_start)), 0) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    + " AND xact_start IS NOT NULL").get(0)));
            Thread.sleep(100);
        }
        Files.writeString(Path.of("target", "benchmarks.txt"), "outbox   longest store transaction during 12 s of a hanging Slack: %.3f s%n"
                .formatted(longest), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        // another transaction needs the row meanwhile (a retention sweep, a second instance): it does not wait
        store.database().execute("SET lock_timeout = '1s'; UPDATE slack_outbox SET last_error = last_error WHERE id = " + id);
        assertThat(longest).isLessThan(1.0);

        slackBack.countDown();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            sender.deliverDue();
            return "SENT".equals(store.database().column("SELECT status FROM slack_outbox WHERE id = " + id).get(0));
        });
        delivering.join();
        assertThat(slack.delivered("chat.postMessage", c -> c.param("text").contains("run #7 is applying"))).hasSize(1);
    }
}
