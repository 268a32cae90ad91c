package dev.migrateops.catalog;

/**
 * Where a migration's up file came from, as its team's migration tool knows it: what that tool's own
 * history table needs to agree with a run.
 *
 * @param layout the layout of the files
 * @param path   the up file, relative to the layout's migrations folder (Flyway's {@code script})
 * @param text   the up file exactly as written (Prisma's and Flyway's checksums are of these bytes)
 */
public record MigrationOrigin(MigrationLayout layout, String path, String text) {
}
