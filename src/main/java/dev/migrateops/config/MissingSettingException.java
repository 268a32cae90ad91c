package dev.migrateops.config;

/** A setting the chosen mode needs is not set; the start stops with a short report naming it. */
public class MissingSettingException extends IllegalStateException {

    private static final String PRODUCTION = "Production settings are present (a datasource, targets or a Slack setting),"
            + " so this is a production start; to try MigrateOps without Slack, start it with nothing configured, or with --sandbox.";

    private final String setting;
    private final String why;
    private final String context;

    /**
     * A setting a production start needs.
     *
     * @param setting how to set it, e.g. {@code SLACK_BOT_TOKEN (migrateops.slack.bot-token)}
     * @param why     what it is needed for
     */
    public MissingSettingException(String setting, String why) {
        this(setting, why, PRODUCTION);
    }

    /** @param context why the setting is needed in this start, for the person reading the report */
    public MissingSettingException(String setting, String why, String context) {
        super(setting + " is not set: " + why + ".");
        this.setting = setting;
        this.why = why;
        this.context = context;
    }

    public String context() {
        return context;
    }

    public String setting() {
        return setting;
    }

    public String why() {
        return why;
    }
}
