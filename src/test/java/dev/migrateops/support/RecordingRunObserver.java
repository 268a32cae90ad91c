package dev.migrateops.support;

import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunObserver;
import dev.migrateops.run.StatusSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what the domain would have told Slack. */
public final class RecordingRunObserver implements RunObserver {

    public final List<String> steps = new CopyOnWriteArrayList<>();
    public final List<String> monitoringAlerts = new CopyOnWriteArrayList<>();
    public final List<StatusSnapshot> statusUpdates = new CopyOnWriteArrayList<>();

    @Override
    public void runChanged(MigrationRun run) {
    }

    @Override
    public void step(MigrationRun run, String message) {
        steps.add(message);
    }

    @Override
    public void alert(MigrationRun run, String message) {
        steps.add(message);
    }

    @Override
    public void monitoringAlert(MigrationRun run, String message) {
        monitoringAlerts.add(message);
    }

    @Override
    public void statusUpdate(MigrationRun run, StatusSnapshot snapshot) {
        statusUpdates.add(snapshot);
    }
}
