package dev.migrateops.run;

/**
 * A pending migration as it was when the run was planned: what the approvers saw.
 *
 * @param mode "tx", or "no-tx (reason)"
 */
public record PlannedMigration(String version, String name, String checksum, boolean transactional, String mode,
                               boolean hasDown, boolean hasCheck, boolean hasVerify) {
}
