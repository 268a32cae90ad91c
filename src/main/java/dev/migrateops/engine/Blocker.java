package dev.migrateops.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * A session that holds a lock a migration is waiting for: what a person needs to decide whether to wait, ask its
 * owner, or end it.
 *
 * @param pid              its backend pid
 * @param user             its database role
 * @param application      its {@code application_name}; empty when it set none
 * @param client           its client address; empty for a local socket
 * @param state            {@code active}, {@code idle in transaction}, …
 * @param transactionAge   how long its transaction has been open; null outside a transaction
 * @param query            the first line of its current (or last) query, at most 120 characters
 * @param backendStart     when its session started: with the pid, it names this session and no later one that reuses the pid
 */
public record Blocker(int pid, String user, String application, String client, String state, Duration transactionAge,
                      String query, Instant backendStart) {

    /** "pid 4242 (report, psql from 10.0.0.7, idle in transaction for 4 min 12 s): SELECT …". */
    public String describe() {
        StringBuilder who = new StringBuilder("pid " + pid + " (" + user);
        if (!application.isEmpty()) {
            who.append(", ").append(application);
        }
        if (!client.isEmpty()) {
            who.append(" from ").append(client);
        }
        who.append(", ").append(state);
        if (transactionAge != null) {
            who.append(" for ").append(age(transactionAge));
        }
        return who.append("): ").append(query).toString();
    }

    private static String age(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }
}
