package dev.migrateops.catalog;

import dev.migrateops.config.MigrateOpsProperties;
import dev.migrateops.config.SourceProperties;
import dev.migrateops.config.TargetProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a target's migrations from where its settings say: a git source at a revision, or its
 * migrations directory. Each read is fresh; a git source's clone is kept between reads.
 */
public final class MigrationSources {

    private final Map<String, GitSource> git = new LinkedHashMap<>();
    private final MigrationReader reader = new MigrationReader();

    public MigrationSources(MigrateOpsProperties properties) {
        properties.sources().forEach((name, settings) -> git.put(name, new GitSource(name, settings, properties.gitCache())));
    }

    /** Directories only: for tools and tests without {@code migrateops.sources}. */
    public static MigrationSources directoriesOnly() {
        return new MigrationSources(MigrateOpsProperties.of(Map.of(), null));
    }

    public MigrationCatalog read(TargetProperties target, Revision revision) {
        MigrationReader.Reading reading = readLeniently(target, revision);
        if (!reading.problems().isEmpty()) {
            throw reading.problems().get(0);
        }
        return reading.catalog();
    }

    /** What could be read and what could not, for the linter; a source that cannot be fetched still throws. */
    public MigrationReader.Reading readLeniently(TargetProperties target, Revision revision) {
        Optional<GitSource> source = gitSourceOf(target);
        if (source.isEmpty()) {
            if (revision.ref().isPresent() && !revision.pinned()) {
                throw new SourceUnavailableException("--ref " + revision.ref().get() + " needs a git source; this target "
                        + "reads the directory " + target.migrationsDir());
            }
            return reader.readLeniently(new DirectoryFiles(target.migrationsDir()), MigrationLayout.named(target.layout()));
        }
        GitSource git = source.get();
        SourceCommit commit = git.resolve(revision);
        MigrationReader.Reading reading = reader.readLeniently(git.files(commit), MigrationLayout.named(git.settings().layout()));
        return new MigrationReader.Reading(reading.catalog().at(commit), reading.problems());
    }

    /** The git source a target names, if it names one. */
    public Optional<GitSource> gitSourceOf(TargetProperties target) {
        if (target.source() == null || target.source().isBlank()) {
            return Optional.empty();
        }
        GitSource source = git.get(target.source());
        if (source == null) {
            throw new CatalogException("the target names source '" + target.source() + "', which is not under "
                    + "migrateops.sources (there: " + String.join(", ", git.keySet()) + ")");
        }
        return Optional.of(source);
    }

    /** The configured sources, for what a person may be told about them. */
    public Map<String, SourceProperties> settings() {
        Map<String, SourceProperties> settings = new LinkedHashMap<>();
        git.forEach((name, source) -> settings.put(name, source.settings()));
        return settings;
    }
}
