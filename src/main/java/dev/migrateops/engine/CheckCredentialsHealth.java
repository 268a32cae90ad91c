package dev.migrateops.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Each target's check credential, verified at start (a refused one is logged as an error) and in
 * {@code /actuator/health}: whether previews of {@code .check.sql} can run before approval, and if not, why. A target
 * without one, or whose credential may do more than read, runs its checks after approval only — a finding, not an
 * outage, so health stays up and says so.
 */
@org.springframework.stereotype.Component("checkCredentialsHealthIndicator")
final class CheckCredentialsHealth implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CheckCredentialsHealth.class);

    private final TargetRegistry targets;

    public CheckCredentialsHealth(TargetRegistry targets) {
        this.targets = targets;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void checkAtStart() {
        verdicts().forEach((target, verdict) -> {
            if (verdict.startsWith("refused")) {
                log.error("the check credential of target {} is {}", target, verdict);
            }
        });
    }

    @Override
    public Health health() {
        return Health.up().withDetails(verdicts()).build();
    }

    /** Per target: previews before approval, or why not. */
    Map<String, String> verdicts() {
        Map<String, String> verdicts = new TreeMap<>();
        for (String name : targets.names()) {
            TargetDatabase target = targets.get(name);
            if (!target.settings().hasCheckCredential()) {
                verdicts.put(name, "none: .check.sql runs after approval only");
                continue;
            }
            try (Connection conn = target.checkConnection()) {
                List<String> problems = CheckCredential.problems(conn);
                verdicts.put(name, problems.isEmpty() ? "read-only: previews .check.sql before approval"
                        : "refused (" + String.join("; ", problems) + "): .check.sql runs after approval only");
            } catch (SQLException e) {
                verdicts.put(name, "cannot connect (" + e.getMessage() + "): .check.sql runs after approval only");
            }
        }
        return verdicts;
    }
}
