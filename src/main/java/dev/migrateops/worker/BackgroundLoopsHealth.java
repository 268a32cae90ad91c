package dev.migrateops.worker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code backgroundLoops} in health: each loop, whether its thread is alive, and how often it died and was started
 * again (with what it last died of). Down while a loop that should run has no live thread.
 */
@Component("backgroundLoopsHealthIndicator")
class BackgroundLoopsHealth extends AbstractHealthIndicator {

    private final List<BackgroundLoop> loops;

    BackgroundLoopsHealth(List<BackgroundLoop> loops) {
        this.loops = loops;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        boolean allAlive = true;
        for (BackgroundLoop loop : loops) {
            Map<String, Object> details = new LinkedHashMap<>();
            boolean alive = !loop.isRunning() || loop.alive();
            allAlive &= alive;
            details.put("alive", alive);
            details.put("restarts", loop.restarts());
            loop.lastDeath().ifPresent(death -> details.put("lastDeath", death));
            health.withDetail(loop.name(), details);
        }
        if (allAlive) {
            health.up();
        } else {
            health.down();
        }
    }
}
