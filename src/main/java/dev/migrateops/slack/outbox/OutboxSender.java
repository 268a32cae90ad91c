package dev.migrateops.slack.outbox;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import dev.migrateops.worker.BackgroundLoop;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox: the oldest pending message of each channel first, so a channel's messages keep
 * their order. Each call is retried (honouring 429 Retry-After) inside a circuit breaker; a message that
 * still fails waits with backoff and is tried again later, never dropped silently. A message is claimed in one
 * statement, sent with no transaction or lock held, and its answer recorded in one short transaction: two bot
 * instances never send one message twice, and a slow Slack holds up nothing in the store.
 */
@Component
public class OutboxSender extends BackgroundLoop implements DisposableBean {

    static final long MAX_WAIT_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    /**
     * How long a claim holds without renewal: renewed every third of it while its delivery runs (however long Slack
     * keeps it waiting), so it runs out only when its instance died or lost the store — then another instance, or
     * this one, takes the message over within this time, knowing it may have been posted.
     */
    static final Duration CLAIM = Duration.ofSeconds(15);
    /** About a day of tries at the capped wait: a long Slack outage loses nothing. */
    private static final int MAX_ATTEMPTS = 2880;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final SlackCards cards;
    private final SlackLiveReplies liveReplies;
    private final MethodsClient slack;
    private final Clock clock;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;
    /**
     * Messages Slack took whose SENT mark was lost with the store's connection (a failover between the post and
     * the commit): they are marked, not posted again, on the next round. Kept until a commit records them.
     */
    private final Set<SlackDelivery.Sent> sentNotRecorded = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService claims = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slack-outbox-claims");
        thread.setDaemon(true);
        return thread;
    });

    public OutboxSender(JdbcClient jdbc, TransactionTemplate transaction, SlackCards cards, SlackLiveReplies liveReplies,
                        MethodsClient slack, Clock clock, MeterRegistry meters) {
        super("slack-outbox");
        this.liveReplies = liveReplies;
        this.meters = meters;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.cards = cards;
        this.slack = slack;
        this.clock = clock;
        this.retry = Retry.of("slack", RetryConfig.<Object>custom()
                .maxAttempts(4)
                .intervalBiFunction(OutboxSender.waitBeforeRetry())
                .retryOnException(OutboxSender::retryable)
                .build());
        this.breaker = CircuitBreaker.of("slack", CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(5).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10)).build());
    }

    /** Delivers everything that is due; returns how many messages went out. */
    public int deliverDue() {
        recordWhatSlackTook();
        int sent = 0;
        boolean progress = true;
        while (progress && breaker.tryAcquirePermission()) {
            breaker.releasePermission();
            progress = false;
            for (long id : channelHeads()) {
                Optional<OutboxMessage> claimed = claim(id);
                if (claimed.isPresent() && deliver(claimed.get())) {
                    sent++;
                    progress = true;
                }
            }
        }
        return sent;
    }

    private List<Long> channelHeads() {
        return jdbc.sql("SELECT min(id) FROM slack_outbox WHERE status = 'PENDING' GROUP BY channel"
                        + " HAVING min(next_attempt_at) <= ? ORDER BY 1")
                .param(Timestamp.from(clock.instant())).query(Long.class).list();
    }

    /**
     * Takes a due message for this instance, in one short statement: it counts as an attempt and is not due again
     * until the claim runs out, so another instance neither sends it meanwhile nor waits on a lock for it; an instance
     * that dies holding the claim leaves the message to whoever comes after the claim, who knows it may have been posted.
     */
    private Optional<OutboxMessage> claim(long id) {
        Instant now = clock.instant();
        return jdbc.sql("UPDATE slack_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND status = 'PENDING'"
                        + " AND next_attempt_at <= ? RETURNING id, channel, kind, run_id, user_id, text, blocks, reply_key, attempts - 1")
                .params(Timestamp.from(now.plus(CLAIM)), id, Timestamp.from(now))
                .query((rs, n) -> new OutboxMessage(rs.getLong(1), rs.getString(2), OutboxMessage.Kind.valueOf(rs.getString(3)),
                        (Long) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9)))
                .optional();
    }

    /** Sends a claimed message with no transaction open, then records the answer in one short transaction. */
    private boolean deliver(OutboxMessage message) {
        String cardTs = message.runId() == null ? null : cards.ts(message.runId()).orElse(null);
        String liveTs = message.kind() == OutboxMessage.Kind.LIVE_REPLY ? liveReplies.ts(message.runId(), message.replyKey())
                .orElse(null) : null;
        SlackDelivery.Posted posted = new SlackDelivery.Posted(cardTs, liveTs);
        // only the newest state of a card or a live reply matters, once it has been posted where it belongs
        if (message.kind() == OutboxMessage.Kind.CARD && cardTs != null && newerVersionWaits(message)
                || message.kind() == OutboxMessage.Kind.LIVE_REPLY && liveTs != null && newerVersionWaits(message)) {
            mark(message.id(), "SUPERSEDED", null, null);
            return true;
        }
        String ts = null;
        Exception failed = null;
        long renewEvery = CLAIM.toMillis() / 3;
        ScheduledFuture<?> renewal = claims.scheduleAtFixedRate(() -> renewClaim(message.id()), renewEvery, renewEvery,
                TimeUnit.MILLISECONDS);
        try {
            int[] tries = {message.attempts()};
            ts = breaker.executeCheckedSupplier(() -> retry.executeCheckedSupplier(
                    () -> SlackDelivery.send(slack, message, posted, tries[0]++ > 0)));
        } catch (Exception e) {
            failed = e;
        } catch (Error e) {
            throw e; // the JVM's trouble, not Slack's: the loop reports it, and the claim runs out before the message is tried again
        } catch (Throwable e) {
            throw new IllegalStateException("neither an exception nor an error delivering Slack message " + message.id(), e);
        } finally {
            renewal.cancel(false); // before the answer is written, so that no renewal lands after it
        }
        if (failed != null) {
            meters.counter("migrateops.slack.api.errors", "method", SlackDelivery.method(message, posted), "reason", reason(failed))
                    .increment();
            postpone(message, failed);
            return false;
        }
        SlackDelivery.Sent sent = new SlackDelivery.Sent(message, posted, ts);
        sentNotRecorded.add(sent);
        record(sent);
        return true;
    }

    /** One short statement; when the store is away the claim runs out, and the message is looked for before it is sent again. */
    private void renewClaim(long id) {
        try {
            jdbc.sql("UPDATE slack_outbox SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING'")
                    .params(Timestamp.from(clock.instant().plus(CLAIM)), id).update();
        } catch (RuntimeException e) {
            log.warn("could not renew the claim on Slack message {}: {}", id, e.getMessage());
        }
    }

    @Override
    public void destroy() {
        claims.shutdownNow();
    }

    /** Answers Slack gave whose recording the store refused (a failover between the post and the write), recorded now. */
    private void recordWhatSlackTook() {
        for (SlackDelivery.Sent sent : List.copyOf(sentNotRecorded)) {
            record(sent);
        }
    }

    private void record(SlackDelivery.Sent sent) {
        OutboxMessage message = sent.message();
        transaction.executeWithoutResult(status -> {
            mark(message.id(), "SENT", sent.ts(), null);
            if (message.kind() == OutboxMessage.Kind.CARD && sent.posted().cardTs() == null && sent.ts() != null) {
                cards.remember(message.runId(), message.channel(), sent.ts());
            }
            if (message.kind() == OutboxMessage.Kind.LIVE_REPLY && sent.posted().liveTs() == null && sent.ts() != null) {
                liveReplies.remember(message.runId(), message.replyKey(), sent.ts());
            }
        });
        sentNotRecorded.remove(sent);
    }

    private boolean newerVersionWaits(OutboxMessage message) {
        return jdbc.sql("SELECT count(*) FROM slack_outbox WHERE run_id = ? AND kind = ? AND reply_key IS NOT DISTINCT FROM ?"
                        + " AND status = 'PENDING' AND id > ?")
                .params(message.runId(), message.kind().name(), message.replyKey(), message.id()).query(Long.class).single() > 0;
    }

    private void mark(long id, String status, String ts, String error) {
        jdbc.sql("UPDATE slack_outbox SET status = ?, message_ts = ?, last_error = ?, sent_at = ? WHERE id = ?")
                .params(status, ts, error, Timestamp.from(clock.instant()), id).update();
    }

    private void postpone(OutboxMessage message, Exception e) {
        int attempts = message.attempts() + 1; // the claim counted it already; this sets the same number
        String error = e instanceof CallNotPermittedException ? "Slack circuit open" : e.getClass().getSimpleName() + ": " + e.getMessage();
        // capped at half a minute: once Slack is back, the channel catches up within that
        Duration wait = Duration.ofSeconds(Math.min(MAX_WAIT_SECONDS, 1L << Math.min(attempts, 5)));
        boolean giveUp = attempts >= MAX_ATTEMPTS || e instanceof SlackDelivery.NotOkException notOk && !notOk.retryable() && attempts >= 3;
        jdbc.sql("UPDATE slack_outbox SET attempts = ?, last_error = ?, next_attempt_at = ?, status = ? WHERE id = ?")
                .params(attempts, error, Timestamp.from(clock.instant().plus(wait)), giveUp ? "FAILED" : "PENDING", message.id())
                .update();
        if (giveUp) {
            log.error("Slack message {} to {} given up after {} attempts: {}", message.id(), message.channel(), attempts, error);
        } else {
            log.warn("Slack message {} to {} not delivered (attempt {}), next try in {} s: {}", message.id(), message.channel(),
                    attempts, wait.toSeconds(), error);
        }
    }

    /** A short, bounded label for why a call failed: the HTTP status, Slack's error code, or the kind of failure. */
    static String reason(Throwable e) {
        if (e instanceof CallNotPermittedException) {
            return "circuit_open";
        }
        if (e instanceof SlackApiException api) {
            return "http_" + api.getResponse().code();
        }
        if (e instanceof SlackDelivery.NotOkException notOk) {
            return notOk.error();
        }
        return e instanceof IOException ? "io" : "other";
    }

    /** True while Slack's API fails so often that calls are not even tried (the circuit is open). */
    public boolean slackUnavailable() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    static boolean retryable(Throwable e) {
        if (e instanceof SlackApiException api) {
            int status = api.getResponse().code();
            return status == 429 || status >= 500;
        }
        if (e instanceof SlackDelivery.NotOkException notOk) {
            return notOk.retryable();
        }
        return e instanceof IOException;
    }

    /** Slack says how long to wait on 429 (Retry-After, seconds); otherwise back off exponentially. */
    static IntervalBiFunction<Object> waitBeforeRetry() {
        return (attempt, result) -> {
            if (result.isLeft() && result.getLeft() instanceof SlackApiException api && api.getResponse().code() == 429) {
                String header = api.getResponse().header("Retry-After");
                try {
                    return Math.min(30_000L, Math.max(1, Long.parseLong(header == null ? "1" : header.trim())) * 1000L);
                } catch (NumberFormatException e) {
                    return 1000L;
                }
            }
            return 250L << Math.min(attempt - 1, 4);
        };
    }

    @Override
    protected void round() {
        deliverDue();
    }

    @Override
    protected long pauseMillis() {
        return 500;
    }
}
