package dev.migrateops.config;

/** A setting the chosen mode needs is not set; the start stops with a short report naming it. */
public class MissingSettingException extends IllegalStateException {

    private final String setting;
    private final String why;

    /**
     * @param setting how to set it, e.g. {@code SLACK_BOT_TOKEN (migrateops.slack.bot-token)}
     * @param why     what it is needed for
     */
    public MissingSettingException(String setting, String why) {
        super(setting + " is not set: " + why + ".");
        this.setting = setting;
        this.why = why;
    }

    public String setting() {
        return setting;
    }

    public String why() {
        return why;
    }
}
