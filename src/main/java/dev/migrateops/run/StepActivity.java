package dev.migrateops.run;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps what the running step is doing on its timeline row, in the transaction that tells it, so that a status
 * update or a redrawn card — on whichever instance — shows the same.
 */
@Component
class StepActivity {

    private final RunSteps steps;

    StepActivity(RunSteps steps) {
        this.steps = steps;
    }

    // before the Slack adapter redraws the card from the timeline
    @EventListener
    @Order(-1)
    public void on(RunEvent.WorkProgressed event) {
        steps.progress(event.run().id(), event.progress().finished() ? null : event.progress());
    }

    @EventListener
    @Order(-1)
    public void on(RunEvent.BlockersSeen event) {
        steps.blockers(event.run().id(), event.blockers());
    }
}
