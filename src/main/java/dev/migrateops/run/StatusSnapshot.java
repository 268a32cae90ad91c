package dev.migrateops.run;

import dev.migrateops.engine.HealthSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a status update says about a run at one moment.
 *
 * @param number   the update's number for this run (its slot: 1 at approval + one interval)
 * @param sinceApproval T+ of the run
 * @param steps    the timeline so far; the last one may still be running
 * @param approvers who approved
 * @param backup   "1.2 GB, verified", or empty when no backup was taken
 * @param health   the target's health now, or why it could not be read
 * @param nextAt   when the next update is due
 * @param missed   updates that were due but not posted (the bot or its store was down): this one catches up
 */
public record StatusSnapshot(int number, Instant at, Duration sinceApproval, List<RunSteps.Step> steps, List<String> approvers,
                             Optional<String> backup, Optional<HealthSnapshot> health, String healthProblem, Instant nextAt,
                             int missed) {

    public StatusSnapshot(int number, Instant at, Duration sinceApproval, List<RunSteps.Step> steps, List<String> approvers,
                          Optional<String> backup, Optional<HealthSnapshot> health, String healthProblem, Instant nextAt) {
        this(number, at, sinceApproval, steps, approvers, backup, health, healthProblem, nextAt, 0);
    }

    public StatusSnapshot {
        steps = List.copyOf(steps);
        approvers = List.copyOf(approvers);
    }
}
