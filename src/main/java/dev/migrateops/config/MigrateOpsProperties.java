package dev.migrateops.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code migrateops.*}.
 *
 * @param sources  git repositories of migrations that targets name
 * @param gitCache where their clones are kept
 */
@ConfigurationProperties("migrateops")
public record MigrateOpsProperties(Map<String, TargetProperties> targets, @DefaultValue ApplyProperties apply,
                                   Map<String, SourceProperties> sources, @DefaultValue("git-cache") Path gitCache) {

    public MigrateOpsProperties {
        targets = targets == null ? Map.of() : new TreeMap<>(targets);
        sources = sources == null ? Map.of() : new TreeMap<>(sources);
        gitCache = gitCache == null ? Path.of("git-cache") : gitCache;
    }

    /** Targets that read directories only. */
    public static MigrateOpsProperties of(Map<String, TargetProperties> targets, ApplyProperties apply) {
        return new MigrateOpsProperties(targets, apply, Map.of(), Path.of("git-cache"));
    }
}
