package dev.migrateops.slack.command;

import java.util.Optional;

/**
 * A parsed {@code /migrate} command. {@code restore}: {@code rollback <run> --restore} asks for a restore of
 * the run's backup even where down scripts exist. {@code ref}: {@code plan|apply <target> --ref <branch|tag|sha>}
 * reads a git source at that ref. Target names are checked against configuration, run ids are numbers and refs
 * are git ref names: nothing from Slack ever becomes SQL or a shell word.
 */
public record MigrateCommand(Verb verb, Optional<String> target, Optional<Long> runId, Optional<String> toVersion,
                             Optional<String> reason, boolean restore, Optional<String> ref) {

    public MigrateCommand(Verb verb, Optional<String> target, Optional<Long> runId, Optional<String> toVersion,
                          Optional<String> reason, boolean restore) {
        this(verb, target, runId, toVersion, reason, restore, Optional.empty());
    }

    public MigrateCommand(Verb verb, Optional<String> target, Optional<Long> runId, Optional<String> toVersion,
                          Optional<String> reason) {
        this(verb, target, runId, toVersion, reason, false);
    }

    /** The sub-commands. */
    public enum Verb { HELP, TARGETS, PLAN, APPLY, STATUS, HISTORY, CANCEL, ROLLBACK, AUDIT, BACKUP, BACKUPS, OVERRIDE, CLOSE, REPORT, POLICY;

        /** Work that may take long (a trace, a backup): never on the pool that answers quick commands and clicks. */
        public boolean slow() {
            return this == PLAN || this == APPLY || this == BACKUP || this == ROLLBACK;
        }
    }
}
