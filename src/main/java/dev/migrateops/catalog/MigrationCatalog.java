package dev.migrateops.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The migrations of one source, ordered by version.
 *
 * @param source     where they were read from, as a person reads it
 * @param layout     how the files are laid out, and so which tool's history agrees with a run
 * @param migrations ascending by version, versions unique
 * @param commit     the git commit they were read from; empty for a directory
 */
public record MigrationCatalog(String source, MigrationLayout layout, List<Migration> migrations,
                               Optional<SourceCommit> commit) {

    public MigrationCatalog {
        migrations = List.copyOf(migrations);
    }

    public MigrationCatalog(String source, MigrationLayout layout, List<Migration> migrations) {
        this(source, layout, migrations, Optional.empty());
    }

    /** The same migrations, read from that commit. */
    public MigrationCatalog at(SourceCommit commit) {
        return new MigrationCatalog(source, layout, migrations, Optional.of(commit));
    }

    public Optional<Migration> find(MigrationVersion version) {
        return migrations.stream().filter(m -> m.version().equals(version)).findFirst();
    }
}
