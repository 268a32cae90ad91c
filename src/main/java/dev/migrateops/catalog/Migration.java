package dev.migrateops.catalog;

import java.util.Optional;

/**
 * One migration of a source: its up script and the optional companions.
 *
 * @param version  orders migrations; unique in a directory
 * @param name     the description from the file name, e.g. {@code product_sales_fk}
 * @param checksum SHA-256 (hex) of the up file, line endings normalised
 * @param up       the change
 * @param down     undoes the change; without it a rollback needs a restore from backup
 * @param check    pre-check queries: each returned row is a finding
 * @param verify   post-apply queries: each returned row is a failure
 * @param origin   the up file as its team's migration tool knows it
 */
public record Migration(MigrationVersion version, String name, String checksum, SqlScript up,
                        Optional<SqlScript> down, Optional<SqlScript> check, Optional<SqlScript> verify,
                        MigrationOrigin origin) {

    public boolean transactional() {
        return up.mode().transactional();
    }

    /** "20251206090000 product_sales_fk". */
    public String label() {
        return version + " " + name;
    }
}
