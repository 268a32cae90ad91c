package dev.migrateops.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One target database, from {@code migrateops.targets.<name>}. The password comes from the environment
 * and is never printed: {@link #toString()} masks it.
 *
 * @param approvalsRequired approvals a run needs; 0 for a dev target, which the command line may then
 *                          change without {@code --break-glass}
 * @param approvers         Slack user ids ({@code U…}) or user-group ids ({@code S…}) allowed to approve;
 *                          empty: anyone but the requester
 * @param requiresAppliedOn another target where every pending migration must already be applied with
 *                          the same checksum (production after staging)
 * @param changeWindow      when runs may start; null: any time
 * @param freeze            true: no new runs
 * @param approvalTtl       how long an approval counts
 * @param backup            whether a verified backup must be taken before applying
 * @param monitoringWindow  how long to watch the target after a run; null: {@code migrateops.monitoring.window}
 * @param statusInterval    how often a run posts a status update; null: {@code migrateops.cadence.interval}
 * @param trace             whether plans trace the pending migrations on a scratch copy of the schema
 * @param source            a git repository of migrations in {@code migrateops.sources}; null: {@code migrationsDir}
 * @param layout            how {@code migrationsDir}'s files are laid out: auto, migrateops, supabase, prisma, flyway
 * @param lockTimeout       this target's lock_timeout ceiling; null: {@code migrateops.apply.lock-timeout}
 * @param retryBudget       this target's lock retry budget; null: {@code migrateops.apply.retry-budget}
 * @param blastRadius       this target's blast-radius budget per lock attempt; null: {@code migrateops.apply.blast-radius}
 * @param replicationLagLimit how far behind its replicas may replay before the apply waits; null:
 *                          {@code migrateops.apply.replication-lag-limit}
 * @param checkUsername     a read-only role that runs the {@code .check.sql} previews before approval (verified: no
 *                          superuser, no dangerous built-in role, no outbound or file function, read-only by default);
 *                          null: those checks run only after approval
 * @param checkPassword     its password, from the environment; never printed
 */
public record TargetProperties(
        String jdbcUrl,
        String username,
        String password,
        @DefaultValue("migrations") Path migrationsDir,
        String incidentChannel,
        @DefaultValue("1") int approvalsRequired,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("3s") Duration validationTimeout,
        @DefaultValue("3") int maxPoolSize,
        List<String> approvers,
        String requiresAppliedOn,
        ChangeWindow changeWindow,
        boolean freeze,
        @DefaultValue("4h") Duration approvalTtl,
        @DefaultValue("required") BackupMode backup,
        Duration monitoringWindow,
        Duration statusInterval,
        @DefaultValue("on") TraceMode trace,
        String source,
        String layout,
        Duration lockTimeout,
        Duration retryBudget,
        Duration blastRadius,
        Duration replicationLagLimit,
        String checkUsername,
        String checkPassword) {

    /** Whether a run must take a backup before it applies anything. */
    public enum BackupMode { REQUIRED, OFF }

    /** Whether plans try the pending migrations on a scratch copy of the target's schema (needs CREATEDB). */
    public enum TraceMode { ON, OFF }

    public TargetProperties {
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
        approvalTtl = approvalTtl == null ? Duration.ofHours(4) : approvalTtl;
        backup = backup == null ? BackupMode.REQUIRED : backup;
        trace = trace == null ? TraceMode.ON : trace;
    }

    /** A target with the engine's settings only; policy at its defaults. */
    public static TargetProperties of(String jdbcUrl, String username, String password, Path migrationsDir,
                                      String incidentChannel, int approvalsRequired) {
        return new TargetProperties(jdbcUrl, username, password, migrationsDir, incidentChannel, approvalsRequired,
                Duration.ofSeconds(5), Duration.ofSeconds(3), 3, List.of(), null, null, false, Duration.ofHours(4),
                BackupMode.REQUIRED, null, null, TraceMode.ON, null, null, null, null, null, null, null, null);
    }

    /** This target's monitoring window, or the given default when it sets none. */
    public Duration monitoringWindowOr(Duration fallback) {
        return monitoringWindow == null ? fallback : monitoringWindow;
    }

    /** This target's status-update interval, or the given default when it sets none. */
    public Duration statusIntervalOr(Duration fallback) {
        return statusInterval == null ? fallback : statusInterval;
    }

    /** Whether previews before approval have a read-only credential of their own. */
    public boolean hasCheckCredential() {
        return checkUsername != null && !checkUsername.isBlank();
    }

    /** The same target, its previews read with this credential. */
    public TargetProperties withCheckCredential(String username, String password) {
        return new TargetProperties(jdbcUrl, username(), password(), migrationsDir, incidentChannel, approvalsRequired, connectTimeout,
                validationTimeout, maxPoolSize, approvers, requiresAppliedOn, changeWindow, freeze, approvalTtl, backup, monitoringWindow,
                statusInterval, trace, source, layout, lockTimeout, retryBudget, blastRadius, replicationLagLimit, username, password);
    }

    @Override
    public String toString() {
        return "TargetProperties[jdbcUrl=" + ConnectionDescriptions.describe(jdbcUrl) + ", username=" + username
                + ", password=" + (password == null ? "none" : "*****") + ", checkUsername=" + checkUsername + ", migrationsDir=" + migrationsDir + ", source=" + source
                + ", incidentChannel=" + incidentChannel + ", approvalsRequired=" + approvalsRequired
                + ", approvers=" + approvers + ", requiresAppliedOn=" + requiresAppliedOn + ", freeze=" + freeze + "]";
    }
}
