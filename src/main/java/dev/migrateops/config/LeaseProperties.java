package dev.migrateops.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How instances share runs, from {@code migrateops.runs}.
 *
 * @param lease how long a run stays with the instance executing it without a renewal; after that another
 *              instance recovers it (the worst delay between a crash and the recovery)
 * @param renew how often the executing instance renews its leases and looks for cancel requests
 */
@ConfigurationProperties("migrateops.runs")
public record LeaseProperties(@DefaultValue("20s") Duration lease, @DefaultValue("1s") Duration renew) {
}
