package dev.migrateops.run;

/**
 * What a rollback of a run would do now, read from the target's history.
 *
 * @param plan    the down scripts, or why a restore is needed, when {@code availability} is AVAILABLE
 * @param problem why the history could not be read, when it is UNKNOWN
 */
public record RollbackOptions(Availability availability, String plan, String problem) {

    public enum Availability { NONE_NEEDED, AVAILABLE, UNKNOWN }

    public static RollbackOptions noneNeeded() {
        return new RollbackOptions(Availability.NONE_NEEDED, null, null);
    }

    public static RollbackOptions available(String plan) {
        return new RollbackOptions(Availability.AVAILABLE, plan, null);
    }

    public static RollbackOptions unknown(String problem) {
        return new RollbackOptions(Availability.UNKNOWN, null, problem);
    }

    /** False only when the history shows this run left nothing applied. */
    public boolean offered() {
        return availability != Availability.NONE_NEEDED;
    }
}
