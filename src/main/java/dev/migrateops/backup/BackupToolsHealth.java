package dev.migrateops.backup;

import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.engine.TargetRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Checks at startup that pg_dump and pg_restore exist and are not older than each server whose target
 * requires backups, and reports it in {@code /actuator/health}: better told now than at 2 a.m. mid-run.
 */
public class BackupToolsHealth implements HealthIndicator, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BackupToolsHealth.class);

    private final TargetRegistry targets;
    private final PgTools tools;
    private final boolean requiredAtStart;
    private volatile Map<String, String> problems = Map.of();
    private volatile boolean checked;

    public BackupToolsHealth(TargetRegistry targets, PgTools tools) {
        this(targets, tools, false);
    }

    /**
     * @param requiredAtStart stop the start when a target requires backups and a tool cannot be run at all (the
     *                        bot); a tool older than a server is only reported, as that server may be away now
     */
    public BackupToolsHealth(TargetRegistry targets, PgTools tools, boolean requiredAtStart) {
        this.targets = targets;
        this.tools = tools;
        this.requiredAtStart = requiredAtStart;
    }

    /** Before the web server serves anything: a bot that cannot back up its targets does not start. */
    @Override
    public void afterSingletonsInstantiated() {
        if (requiredAtStart) {
            requireTools();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void check() {
        Map<String, String> found = new TreeMap<>();
        for (String name : targets.names()) {
            TargetDatabase target = targets.get(name);
            if (target.settings().backup() != TargetProperties.BackupMode.OFF) {
                problemFor(target).ifPresent(problem -> found.put(name, problem));
            }
        }
        found.forEach((target, problem) -> log.error("backups of target {} will fail: {}", target, problem));
        problems = found;
        checked = true;
    }

    private void requireTools() {
        List<String> backedUp = targets.names().stream()
                .filter(name -> targets.get(name).settings().backup() != TargetProperties.BackupMode.OFF).toList();
        if (backedUp.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String tool : List.of(tools.pgDump(), tools.pgRestore(), tools.psql())) {
            try {
                tools.majorVersion(tool);
            } catch (BackupException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new MissingClientToolsException(problems, backedUp);
        }
    }

    /** Why pg_dump, pg_restore or psql cannot back up or restore this target now; empty when they can. */
    public Optional<String> problemFor(TargetDatabase target) {
        try (Connection conn = target.connection(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            tools.checkAgainst(rs.getInt(1));
            return Optional.empty();
        } catch (BackupException e) {
            return Optional.of(e.getMessage());
        } catch (SQLException e) {
            return Optional.of("cannot reach the target to compare versions: " + e.getMessage());
        }
    }

    @Override
    public Health health() {
        if (!checked) {
            return Health.unknown().withDetail("backupTools", "not checked yet").build();
        }
        Health.Builder health = problems.isEmpty() ? Health.up() : Health.down();
        problems.forEach(health::withDetail);
        try {
            health.withDetail("pg_dump", tools.majorVersion(tools.pgDump())).withDetail("pg_restore", tools.majorVersion(tools.pgRestore()));
        } catch (BackupException e) {
            health.down().withDetail("tools", e.getMessage());
        }
        return health.build();
    }
}
