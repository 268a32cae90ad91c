package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;

/**
 * A migration the target has not applied yet.
 *
 * @param retryOfFailed it stopped part-way before (non-transactional) and will be run again
 * @param outOfOrder    it is older than the newest applied migration (e.g. a late-merged branch)
 */
public record PendingMigration(Migration migration, boolean retryOfFailed, boolean outOfOrder) {
}
