package dev.migrateops.catalog;

import java.time.Instant;

/**
 * The git commit a run's migrations were read from: what the approvers saw, and what is applied.
 *
 * @param sha       the full commit id
 * @param subject   the first line of its message
 * @param author    its author's name
 * @param committed when it was committed
 * @param webUrl    the repository's page, to link the commit; null when not configured
 */
public record SourceCommit(String sha, String subject, String author, Instant committed, String webUrl) {

    public String shortSha() {
        return sha.substring(0, Math.min(7, sha.length()));
    }

    /** The commit's page ({@code <web-url>/commit/<sha>}), when the repository's page is known. */
    public java.util.Optional<String> link() {
        return webUrl == null || webUrl.isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(webUrl.replaceAll("/+$", "") + "/commit/" + sha);
    }
}
