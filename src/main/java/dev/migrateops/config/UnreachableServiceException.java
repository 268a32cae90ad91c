package dev.migrateops.config;

/** A service the bot needs at start-up (Slack, for Socket Mode) cannot be reached; the start stops saying so. */
public class UnreachableServiceException extends IllegalStateException {

    private final String setting;

    /**
     * @param service what cannot be reached, with its address, e.g. {@code Slack's Web API (https://slack.com/api/)}
     * @param setting the setting that points at it
     */
    public UnreachableServiceException(String service, String setting, String why, Throwable cause) {
        super(service + " cannot be reached: " + why, cause);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
