package dev.migrateops.slack.view;

import dev.migrateops.catalog.SourceCommit;
import java.time.Duration;

/** Escaping and mentions for Slack's mrkdwn. */
final class Mrkdwn {

    private Mrkdwn() {
    }

    /** Slack requires &, < and > escaped in text it should not treat as markup. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A person or user group as a mention; anything that is not a Slack id is shown as text, never as markup. */
    static String mention(String slackId) {
        if (slackId == null || !SLACK_ID.matcher(slackId).matches()) {
            return escape(slackId);
        }
        return slackId.startsWith("S") ? "<!subteam^" + slackId + ">" : "<@" + slackId + ">";
    }

    private static final java.util.regex.Pattern SLACK_ID = java.util.regex.Pattern.compile("[UWS][A-Z0-9]{2,}");

    static String duration(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 60 ? (minutes / 60) + " h" + (minutes % 60 == 0 ? "" : " " + (minutes % 60) + " min") : minutes + " min";
    }

    /**
     * A commit as the card shows it: short id (linked to its page when the repository's page is known),
     * subject and author. Only an http(s) page is linked; nothing in it can open a mention or a link of its own.
     */
    static String commit(SourceCommit commit) {
        String id = "`" + escape(commit.shortSha()) + "`";
        String linked = commit.link().filter(url -> url.matches("https?://[^\\s<>|]+"))
                .map(url -> "<" + url.replace("&", "&amp;") + "|" + id + ">").orElse(id);
        return linked + " " + escape(commit.subject()) + " — " + escape(commit.author());
    }
}
