package dev.migrateops.backup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Spring Boot's short start-up report for missing PostgreSQL client tools. Registered in {@code META-INF/spring.factories}. */
public final class MissingClientToolsAnalyzer extends AbstractFailureAnalyzer<MissingClientToolsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingClientToolsException cause) {
        return new FailureAnalysis("The PostgreSQL client tools that back up and restore " + String.join(", ", cause.targets())
                + " cannot be run: " + cause.getMessage(), "Install the PostgreSQL client tools of the targets' major version "
                + "or newer (Debian: postgresql-client-<major>), or point MIGRATEOPS_BACKUP_BIN_DIR (migrateops.backup.bin-dir) at "
                + "them. A target that must run without backups says backup: off.", cause);
    }
}
