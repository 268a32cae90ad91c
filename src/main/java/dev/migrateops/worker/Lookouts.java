package dev.migrateops.worker;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The one thread that looks at a change now and then while it runs: named after what it watches, never keeping the JVM up. */
public final class Lookouts {

    private Lookouts() {
    }

    public static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
