package dev.migrateops.config;

import java.nio.file.Path;

/**
 * A git repository of migrations, from {@code migrateops.sources.<name>}, that targets name with
 * {@code source}. Credentials come from the environment or a key file and are never printed.
 *
 * @param repository an https or ssh URL, or a local path
 * @param branch     what a plan without {@code --ref} uses; null: the repository's default branch
 * @param path       the folder inside the repository: the project's root or its migrations folder
 * @param layout     auto, migrateops, supabase, prisma or flyway
 * @param webUrl     the repository's page, e.g. {@code https://github.com/acme/shop}, to link commits
 * @param tokenEnv   the environment variable holding an https access token
 * @param username   the user name sent with that token
 * @param sshKeyFile the private key for an ssh URL
 */
public record SourceProperties(String repository, String branch, String path, String layout, String webUrl,
                               String tokenEnv, String username, Path sshKeyFile) {

    public SourceProperties {
        path = path == null ? "" : path.replace('\\', '/').replaceAll("^/+|/+$", "");
        username = username == null || username.isBlank() ? "x-access-token" : username;
    }

    public static SourceProperties of(String repository, String branch, String path) {
        return new SourceProperties(repository, branch, path, null, null, null, null, null);
    }

    /** The repository without any user or password written into its URL. */
    public String repositoryDescription() {
        return ConnectionDescriptions.withoutUserInfo(repository);
    }

    @Override
    public String toString() {
        return "SourceProperties[repository=" + repositoryDescription() + ", branch=" + branch + ", path=" + path
                + ", layout=" + layout + ", tokenEnv=" + tokenEnv + "]";
    }
}
