package dev.migrateops.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One target database, from {@code migrateops.targets.<name>}. The password comes from the environment
 * and is never printed: {@link #toString()} masks it.
 *
 * @param approvalsRequired approvals a run needs; 0 for a dev target, which the command line may then
 *                          change without {@code --break-glass}
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
        @DefaultValue("3") int maxPoolSize) {

    @Override
    public String toString() {
        return "TargetProperties[jdbcUrl=" + ConnectionDescriptions.describe(jdbcUrl) + ", username=" + username
                + ", password=" + (password == null ? "none" : "*****") + ", migrationsDir=" + migrationsDir
                + ", incidentChannel=" + incidentChannel + ", approvalsRequired=" + approvalsRequired + "]";
    }
}
