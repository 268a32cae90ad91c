package dev.migrateops.config;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything under {@code migrateops.*}. */
@ConfigurationProperties("migrateops")
public record MigrateOpsProperties(Map<String, TargetProperties> targets, @DefaultValue ApplyProperties apply) {

    public MigrateOpsProperties {
        targets = targets == null ? Map.of() : new TreeMap<>(targets);
    }
}
