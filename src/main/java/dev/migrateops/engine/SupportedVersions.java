package dev.migrateops.engine;

import java.util.Optional;

/**
 * The PostgreSQL major versions MigrateOps is tested on (the version-dependent tests run on each, see the README):
 * a target outside them is refused at its pre-checks, with the reason, rather than run on catalog queries nobody checked.
 */
final class SupportedVersions {

    static final int OLDEST = 12;
    static final int NEWEST = 17;

    private SupportedVersions() {
    }

    /** Why a server of {@code versionNum} ({@code server_version_num}) is refused, or empty when it is supported. */
    static Optional<String> refusal(int versionNum, String version) {
        int major = versionNum / 10000;
        if (major < OLDEST) {
            return Optional.of("PostgreSQL " + version + " is older than " + OLDEST + ", the oldest version MigrateOps is tested on"
                    + " (fast column defaults, REINDEX CONCURRENTLY and the progress views it reads are missing)");
        }
        if (major > NEWEST) {
            return Optional.of("PostgreSQL " + version + " is newer than " + NEWEST + ", the newest version MigrateOps is tested on:"
                    + " its catalog queries are unchecked there; upgrade MigrateOps");
        }
        return Optional.empty();
    }
}
