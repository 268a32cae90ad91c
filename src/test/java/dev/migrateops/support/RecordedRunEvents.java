package dev.migrateops.support;

import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers the run events the domain published, instead of telling anyone. */
public final class RecordedRunEvents {

    private final List<RunEvent> events = new CopyOnWriteArrayList<>();

    /** A publisher that records here. */
    public RunEvents publisher() {
        return new RunEvents(event -> {
            if (event instanceof RunEvent runEvent) {
                events.add(runEvent);
            }
        });
    }

    public List<RunEvent> all() {
        return List.copyOf(events);
    }

    public <T extends RunEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
