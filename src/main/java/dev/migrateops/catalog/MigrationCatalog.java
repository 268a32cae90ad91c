package dev.migrateops.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The migrations of one directory, ordered by version.
 *
 * @param directory  where they were read from
 * @param migrations ascending by version, versions unique
 */
public record MigrationCatalog(Path directory, List<Migration> migrations) {

    public MigrationCatalog {
        migrations = List.copyOf(migrations);
    }

    public Optional<Migration> find(MigrationVersion version) {
        return migrations.stream().filter(m -> m.version().equals(version)).findFirst();
    }
}
