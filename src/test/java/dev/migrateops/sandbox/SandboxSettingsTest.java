package dev.migrateops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SandboxSettingsTest {

    private static Map<String, Object> generatedFor(MockEnvironment environment) {
        return SandboxSettings.generated(environment, 8080, () -> 54321, bytes -> "ab".repeat(bytes));
    }

    @Test
    void withoutADatasourceTheStoreAndTheDemoTargetsLiveOnAnEmbeddedServerOnAFreePort() {
        Map<String, Object> settings = generatedFor(new MockEnvironment());

        assertThat(settings).containsEntry("migrateops.sandbox.embedded-port", 54321)
                .containsEntry("migrateops.sandbox.admin-url", "jdbc:postgresql://localhost:54321/postgres")
                .containsEntry("migrateops.sandbox.database-url-prefix", "jdbc:postgresql://localhost:54321/")
                .containsEntry("migrateops.sandbox.database-user", "postgres");
    }

    @Test
    void theBotTalksToTheStandInOnItsOwnPortWithATokenAndSecretMadeForThisStart() {
        Map<String, Object> settings = generatedFor(new MockEnvironment());

        assertThat(settings).containsEntry("migrateops.slack.api-base-url", "http://127.0.0.1:8080/sandbox/api/")
                .containsEntry("migrateops.slack.bot-token", "sandbox-bot-" + "ab".repeat(8))
                .containsEntry("migrateops.slack.signing-secret", "ab".repeat(32));
    }

    @Test
    void aSigningSecretSetByTheUserIsKept() {
        Map<String, Object> settings = generatedFor(new MockEnvironment().withProperty("migrateops.slack.signing-secret", "mine"));

        assertThat(settings).doesNotContainKey("migrateops.slack.signing-secret");
    }

    @Test
    void aConfiguredDatasourceHoldsTheDemoTargetsOnItsOwnServer() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.internal:6543/store?sslmode=require")
                .withProperty("spring.datasource.username", "alice")
                .withProperty("spring.datasource.password", "s3cret");

        Map<String, Object> settings = generatedFor(environment);

        assertThat(settings).doesNotContainKey("migrateops.sandbox.embedded-port")
                .containsEntry("migrateops.sandbox.admin-url", "jdbc:postgresql://db.internal:6543/store?sslmode=require")
                .containsEntry("migrateops.sandbox.database-url-prefix", "jdbc:postgresql://db.internal:6543/")
                .containsEntry("migrateops.sandbox.database-user", "alice")
                .containsEntry("migrateops.sandbox.database-password", "s3cret");
    }

    @Test
    void aDatasourceThatIsNotPostgresqlIsRefusedWithTheReason() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:store");

        assertThatThrownBy(() -> generatedFor(environment))
                .hasMessageContaining("spring.datasource.url is not a PostgreSQL JDBC URL");
    }
}
