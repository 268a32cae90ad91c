package dev.migrateops.run;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes run events to their listeners, synchronously: in the caller's thread and transaction. */
@Component
public class RunEvents {

    private final ApplicationEventPublisher publisher;

    public RunEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(RunEvent event) {
        publisher.publishEvent(event);
    }
}
