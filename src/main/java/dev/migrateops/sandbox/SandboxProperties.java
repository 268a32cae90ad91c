package dev.migrateops.sandbox;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sandbox's own settings, from {@code migrateops.sandbox} (defaults in {@code sandbox/sandbox.yml};
 * the database fields are filled in by {@link SandboxSettings}).
 *
 * @param embeddedPort       port of the embedded PostgreSQL; null when a datasource is configured
 * @param adminUrl           where the bot's store lives, and whence the demo databases are created
 * @param databaseUrlPrefix  {@code jdbc:postgresql://host:port/} of the server holding the demo targets
 * @param channel            the one channel of the stand-in workspace (every target's incident channel)
 * @param users              the people who can type in the stand-in
 */
@ConfigurationProperties("migrateops.sandbox")
public record SandboxProperties(Integer embeddedPort, String adminUrl, String databaseUrlPrefix, String databaseUser,
                                String databasePassword, List<String> demoDatabases, Channel channel,
                                List<User> users) {

    /** A channel of the stand-in workspace. */
    public record Channel(String id, String name) {
    }

    /** A person of the stand-in workspace. */
    public record User(String id, String name, String role) {
    }

    public SandboxProperties {
        demoDatabases = demoDatabases == null ? List.of() : List.copyOf(demoDatabases);
        users = users == null ? List.of() : List.copyOf(users);
    }

    @Override
    public String toString() {
        return "SandboxProperties[embeddedPort=" + embeddedPort + ", users=" + users + "]";
    }
}
