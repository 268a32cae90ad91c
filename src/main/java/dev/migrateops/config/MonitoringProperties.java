package dev.migrateops.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The watch after a migration, from {@code migrateops.monitoring} (the window can be set per target).
 *
 * @param window         how long a run stays in MONITORING before it closes as COMPLETED; zero skips it
 * @param probeInterval  how often the target is probed meanwhile
 * @param longQuery      a query running longer than this is a breach
 * @param lockWaits      more sessions than this waiting on locks is a breach
 * @param seqScans       more sequential scans than this on a touched table since the window began is a
 *                       breach (a missing or unused index)
 */
@ConfigurationProperties("migrateops.monitoring")
public record MonitoringProperties(@DefaultValue("2h") Duration window, @DefaultValue("5m") Duration probeInterval,
                                   @DefaultValue("30s") Duration longQuery, @DefaultValue("5") int lockWaits,
                                   @DefaultValue("1000") long seqScans) {
}
