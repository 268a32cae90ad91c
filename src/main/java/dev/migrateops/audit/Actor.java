package dev.migrateops.audit;

/**
 * Who did something: a Slack user (id and display name), or the bot itself.
 *
 * @param id   e.g. {@code U012ABC}; never a credential
 * @param name the display name at the time
 */
public record Actor(String id, String name) {

    public static final Actor BOT = new Actor("migrateops", "MigrateOps");
}
