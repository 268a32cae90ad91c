package dev.migrateops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.mock.env.MockEnvironment;

class SandboxModeConditionTest {

    @Test
    void withNothingConfiguredTheSandboxStarts() {
        assertThat(SandboxModeCondition.productionSettings(new MockEnvironment())).isEmpty();
        assertThat(SandboxModeCondition.productionSettings(new MockEnvironment().withProperty("migrateops.slack.bot-token", "")))
                .isEmpty();
    }

    @Test
    void aDatasourceTargetsOrASlackSettingMakeItAProductionStart() {
        assertThat(SandboxModeCondition.productionSettings(new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/bot")
                .withProperty("migrateops.targets.staging.jdbc-url", "jdbc:postgresql://db/app")
                .withProperty("migrateops.slack.signing-secret", "s3cret")))
                .containsExactly("spring.datasource.url", "migrateops.slack.signing-secret", "migrateops.targets");
    }

    @Test
    void theSandboxIsStartedOnPurposeWithAFlagOrAProfile() {
        assertThat(SandboxModeCondition.asked(new MockEnvironment())).isFalse();
        MockEnvironment flagged = new MockEnvironment();
        flagged.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--sandbox"));
        assertThat(SandboxModeCondition.asked(flagged)).isTrue();
        assertThat(SandboxModeCondition.asked(new MockEnvironment().withProperty("sandbox", "false")))
                .as("a setting called sandbox elsewhere, e.g. an environment variable SANDBOX, is not the flag").isFalse();
        MockEnvironment profiled = new MockEnvironment();
        profiled.setActiveProfiles("sandbox");
        assertThat(SandboxModeCondition.asked(profiled)).isTrue();
    }
}
