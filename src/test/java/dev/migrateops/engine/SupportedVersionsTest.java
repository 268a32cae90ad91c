package dev.migrateops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SupportedVersionsTest {

    @Test
    void targetsFromTwelveToSeventeenAreTakenOthersRefusedWithTheReason() {
        assertThat(SupportedVersions.refusal(120022, "12.22")).isEmpty();
        assertThat(SupportedVersions.refusal(170007, "17.7")).isEmpty();
        assertThat(SupportedVersions.refusal(110022, "11.22")).hasValueSatisfying(why ->
                assertThat(why).startsWith("PostgreSQL 11.22 is older than 12, the oldest version MigrateOps is tested on"));
        assertThat(SupportedVersions.refusal(180001, "18.1")).hasValueSatisfying(why ->
                assertThat(why).startsWith("PostgreSQL 18.1 is newer than 17, the newest version MigrateOps is tested on"));
    }
}
