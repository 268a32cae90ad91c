package dev.migrateops.cli;

import java.util.Map;

/** Where the command line records what it did: the bot's audit trail, when the bot's database is configured. */
@FunctionalInterface
interface CommandAudit {

    CommandAudit NONE = (action, details) -> {
    };

    void record(String action, Map<String, ?> details);
}
