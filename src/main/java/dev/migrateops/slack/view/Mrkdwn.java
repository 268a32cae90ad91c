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

    static String mention(String slackId) {
        return slackId.startsWith("S") ? "<!subteam^" + slackId + ">" : "<@" + slackId + ">";
    }

    static String duration(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 60 ? (minutes / 60) + " h" + (minutes % 60 == 0 ? "" : " " + (minutes % 60) + " min") : minutes + " min";
    }

    /**
     * A commit as the card shows it: short id (linked to its page when the repository's page is known),
     * subject and author. Only an http(s) page is linked; nothing in it can open a mention or a link of its own.
     */
    static String commit(SourceCommit commit) {
        String id = "`" + commit.shortSha() + "`";
        String linked = commit.link().filter(url -> url.matches("https?://[^\\s<>|]+"))
                .map(url -> "<" + url + "|" + id + ">").orElse(id);
        return linked + " " + escape(commit.subject()) + " — " + escape(commit.author());
    }
}
