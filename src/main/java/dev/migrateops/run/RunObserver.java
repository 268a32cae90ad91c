package dev.migrateops.run;

/**
 * Hears what happens to runs, so that people can be told. The Slack adapter renders these; the domain
 * never knows how.
 */
public interface RunObserver {

    /** The run changed: state, step, approvals or plan. */
    void runChanged(MigrationRun run);

    /** A step event for the run's timeline, e.g. "✅ Applied 20251206090000 — 12.4 s". */
    void step(MigrationRun run, String message);

    /** Something went wrong that the requester and approvers must hear about now. */
    void alert(MigrationRun run, String message);

    /** A threshold was breached while the run is watched: tell the channel, the people, and offer the rollback. */
    void monitoringAlert(MigrationRun run, String message);

    /** The periodic status update, in the incident channel (not the thread). */
    void statusUpdate(MigrationRun run, StatusSnapshot snapshot);
}
