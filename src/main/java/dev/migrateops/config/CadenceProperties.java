package dev.migrateops.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Status updates, from {@code migrateops.cadence}.
 *
 * @param interval how often a run in progress posts a status update in its incident channel
 * @param poll     how often the schedule is looked at (the lateness of an update is at most this)
 */
@ConfigurationProperties("migrateops.cadence")
public record CadenceProperties(@DefaultValue("30m") Duration interval, @DefaultValue("1s") Duration poll) {
}
