package dev.migrateops.slack;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests turned away at the door, counted rather than stored one row each: a flood must not fill the audit trail.
 * The first of a kind from a source is audited at once; the rest are counted and audited as one row per kind and
 * source when {@link #flush()} runs (every minute, and at shutdown). Sources beyond a bound are counted together.
 */
final class RejectedRequests {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);
    private static final int MAX_SOURCES = 10_000;
    private static final String OTHERS = "(other sources)";

    private record Key(String action, String remote, int status) {
    }

    private final AuditLog audit;
    private final Map<Key, AtomicLong> pending = new ConcurrentHashMap<>();

    RejectedRequests(AuditLog audit) {
        this.audit = audit;
    }

    void record(String action, String remote, int status, Map<String, ?> details) {
        Key key = new Key(action, pending.size() >= MAX_SOURCES ? OTHERS : remote, status);
        AtomicLong[] created = new AtomicLong[1];
        AtomicLong count = pending.computeIfAbsent(key, k -> created[0] = new AtomicLong());
        if (count == created[0]) {
            write(key, 1, details);
        } else {
            count.incrementAndGet();
        }
    }

    /** Writes what was counted since the last flush and starts counting again. */
    void flush() {
        for (Key key : pending.keySet()) {
            AtomicLong count = pending.remove(key);
            if (count != null && count.get() > 0) {
                write(key, count.get(), Map.of());
            }
        }
    }

    private void write(Key key, long count, Map<String, ?> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("remote", key.remote());
        details.put("status", key.status());
        details.put("count", count);
        try {
            audit.record(null, new Actor("unknown", "unverified request"), key.action(), details);
        } catch (RuntimeException e) {
            // refused all the same when the store is away: that must not turn a refusal into an error page
            log.warn("could not audit {} ({} from {}): {}", key.action(), count, key.remote(), e.getMessage());
        }
    }
}
