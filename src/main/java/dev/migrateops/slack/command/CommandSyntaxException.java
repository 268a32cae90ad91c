package dev.migrateops.slack.command;

/** A {@code /migrate} command that cannot be understood; the message says what exists. */
public class CommandSyntaxException extends RuntimeException {
    public CommandSyntaxException(String message) {
        super(message);
    }
}
