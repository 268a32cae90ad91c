package dev.migrateops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyPropertiesTest {

    @Test
    void aTargetsOwnCeilingAndBudgetWinOverTheDefaultsAndTheRestStays() {
        TargetProperties patient = new TargetProperties("jdbc:postgresql://db/app", "u", null, Path.of("migrations"), "C0", 1,
                Duration.ofSeconds(5), Duration.ofSeconds(3), 3, List.of(), null, null, false, Duration.ofHours(4),
                TargetProperties.BackupMode.REQUIRED, null, null, TargetProperties.TraceMode.ON, null, null,
                Duration.ofSeconds(1), Duration.ofMinutes(30), null, null, null, null);

        ApplyProperties effective = ApplyProperties.defaults().forTarget(patient);

        assertThat(effective.lockTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(effective.retryBudget()).isEqualTo(Duration.ofMinutes(30));
        assertThat(effective.firstLockTimeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(ApplyProperties.defaults().forTarget(TargetProperties.of("jdbc:postgresql://db/app", "u", null,
                Path.of("migrations"), "C0", 1))).isEqualTo(ApplyProperties.defaults());
    }
}
