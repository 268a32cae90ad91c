package dev.migrateops.slack.command;

import java.util.Optional;

/**
 * A parsed {@code /migrate} command. {@code restore}: {@code rollback <run> --restore} asks for a restore of
 * the run's backup even where down scripts exist. Target names are checked against configuration and run ids are
 * numbers: nothing from Slack ever becomes SQL.
 */
public record MigrateCommand(Verb verb, Optional<String> target, Optional<Long> runId, Optional<String> toVersion,
                             Optional<String> reason, boolean restore) {

    public MigrateCommand(Verb verb, Optional<String> target, Optional<Long> runId, Optional<String> toVersion,
                          Optional<String> reason) {
        this(verb, target, runId, toVersion, reason, false);
    }

    /** The sub-commands. */
    public enum Verb { HELP, TARGETS, PLAN, APPLY, STATUS, HISTORY, CANCEL, ROLLBACK, AUDIT, BACKUP, BACKUPS, OVERRIDE, CLOSE, REPORT }
}
