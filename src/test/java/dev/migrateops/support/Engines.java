package dev.migrateops.support;

import dev.migrateops.catalog.MigrationSources;
import dev.migrateops.config.ApplyProperties;
import dev.migrateops.config.MigrateOpsProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.TargetRegistry;
import java.time.Clock;
import java.util.Map;

/** Builds the engine over named test targets, as the Spring wiring does in the application. */
public final class Engines {

    private Engines() {
    }

    public static MigrationEngine over(Map<String, TargetProperties> targets) {
        return over(targets, ApplyProperties.defaults());
    }

    public static MigrationEngine over(Map<String, TargetProperties> targets, ApplyProperties apply) {
        return over(MigrateOpsProperties.of(targets, apply));
    }

    /** With {@code migrateops.sources}, for targets that read a git repository. */
    public static MigrationEngine over(MigrateOpsProperties properties) {
        return new MigrationEngine(new TargetRegistry(properties), properties.apply(), Clock.systemUTC(),
                new MigrationSources(properties));
    }
}
