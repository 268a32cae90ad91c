package dev.migrateops.engine;

import dev.migrateops.config.MigrateOpsProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The configured targets by name. Names come from configuration only, never from user input. */
public final class TargetRegistry implements AutoCloseable {

    private final Map<String, TargetDatabase> targets = new LinkedHashMap<>();

    public TargetRegistry(MigrateOpsProperties properties) {
        this(properties, "migrateops");
    }

    /** @param applicationName what the targets' sessions are called in {@code pg_stat_activity} */
    public TargetRegistry(MigrateOpsProperties properties, String applicationName) {
        properties.targets().forEach((name, settings) -> targets.put(name, new TargetDatabase(name, settings, applicationName)));
    }

    public TargetDatabase get(String name) {
        TargetDatabase target = targets.get(name);
        if (target == null) {
            throw new UnknownTargetException(name, targets.keySet());
        }
        return target;
    }

    public Set<String> names() {
        return targets.keySet();
    }

    @Override
    public void close() {
        targets.values().forEach(TargetDatabase::close);
    }
}
