package dev.migrateops.backup;

import java.time.Duration;
import java.util.List;

/**
 * A restore done: how long it took, what existed in the target but not in the backup and was dropped
 * ("function public.index_sales()", "table public.refunds"), and where the target, checked afterwards, still
 * differs from the backup ("public.sales: 10001 rows, the backup 10000") — empty when the restore is exact.
 */
public record Restored(Duration took, List<String> removed, List<String> differences) {

    public Restored {
        removed = List.copyOf(removed);
        differences = List.copyOf(differences);
    }
}
