package dev.migrateops.slack.view;

import java.time.Duration;

/** Escaping and mentions for Slack's mrkdwn. */
final class Mrkdwn {

    private Mrkdwn() {
    }

    /** Slack requires &, < and > escaped in text it should not treat as markup. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String mention(String slackId) {
        return slackId.startsWith("S") ? "<!subteam^" + slackId + ">" : "<@" + slackId + ">";
    }

    static String duration(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 60 ? (minutes / 60) + " h" + (minutes % 60 == 0 ? "" : " " + (minutes % 60) + " min") : minutes + " min";
    }
}
