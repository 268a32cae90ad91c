package dev.migrateops.engine;

import java.util.List;

/** What is pending on the target is no longer what was approved; nothing was applied. */
class PlanChangedException extends RuntimeException {
    public PlanChangedException(String target, List<String> approved, List<String> pending) {
        super("what is pending on " + target + " is no longer what was approved (approved " + approved + ", pending "
                + pending + "); nothing was applied");
    }
}
