package dev.migrateops.config;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The hours in which runs may start, in a time zone: {@code from: "02:00", to: "04:00", zone: Europe/Berlin}.
 * A window whose end is before its start spans midnight.
 */
public record ChangeWindow(LocalTime from, LocalTime to, ZoneId zone) {

    public boolean contains(Instant instant) {
        LocalTime now = instant.atZone(zone).toLocalTime();
        return from.isBefore(to) ? !now.isBefore(from) && now.isBefore(to) : !now.isBefore(from) || now.isBefore(to);
    }

    public String describe() {
        return from + "–" + to + " " + zone.getId();
    }
}
