package dev.migrateops.slack.command;

import java.util.Optional;

/**
 * A parsed {@code /migrate} command. Target names are checked against configuration and run ids are
 * numbers: nothing from Slack ever becomes SQL.
 */
public record MigrateCommand(Verb verb, Optional<String> target, Optional<Long> runId, Optional<String> toVersion,
                             Optional<String> reason) {

    /** The sub-commands. */
    public enum Verb { HELP, TARGETS, PLAN, APPLY, STATUS, HISTORY, CANCEL, ROLLBACK, AUDIT, BACKUP, BACKUPS }
}
