package dev.migrateops.backup;

import java.util.List;

/** The bot starts with targets that require backups, but pg_dump, pg_restore or psql cannot be run. */
public class MissingClientToolsException extends RuntimeException {

    private final List<String> targets;

    public MissingClientToolsException(List<String> problems, List<String> targets) {
        super(String.join("; ", problems));
        this.targets = List.copyOf(targets);
    }

    /** The targets whose backups need the tools. */
    public List<String> targets() {
        return targets;
    }
}
