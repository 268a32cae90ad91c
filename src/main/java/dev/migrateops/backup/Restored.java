package dev.migrateops.backup;

import java.time.Duration;
import java.util.List;

/**
 * A restore done: how long it took, and what existed in the target but not in the backup and was dropped
 * ("function public.index_sales()", "table public.refunds").
 */
public record Restored(Duration took, List<String> removed) {

    public Restored {
        removed = List.copyOf(removed);
    }
}
