package dev.migrateops.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How instances share runs, from {@code migrateops.runs}.
 *
 * @param lease   how long a run stays with the instance executing it without a renewal; after that another
 *                instance recovers it (the worst delay between a crash and the recovery)
 * @param renew   how often the executing instance renews its leases and looks for cancel requests
 * @param recover whether this process takes over the runs of instances that stopped: the bot does; the
 *                command line, which ends with its own run, does not
 */
@ConfigurationProperties("migrateops.runs")
public record LeaseProperties(@DefaultValue("20s") Duration lease, @DefaultValue("1s") Duration renew,
                              @DefaultValue("true") boolean recover) {

    @ConstructorBinding
    public LeaseProperties {
    }

    public LeaseProperties(Duration lease, Duration renew) {
        this(lease, renew, true);
    }
}
