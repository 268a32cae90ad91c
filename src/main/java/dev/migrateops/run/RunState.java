package dev.migrateops.run;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Where a run is. Transitions not listed here are refused. */
public enum RunState {
    REQUESTED, APPROVED, PRECHECKS, BACKUP, APPLYING, VERIFYING, MONITORING, COMPLETED, FAILED, REJECTED,
    CANCELLED, INTERRUPTED, ROLLBACK_REQUESTED, ROLLING_BACK, ROLLED_BACK;

    private static final Map<RunState, Set<RunState>> NEXT = Map.ofEntries(
            Map.entry(REQUESTED, EnumSet.of(APPROVED, REJECTED, CANCELLED, FAILED)),
            Map.entry(APPROVED, EnumSet.of(PRECHECKS, REQUESTED, CANCELLED, FAILED, INTERRUPTED)),
            Map.entry(PRECHECKS, EnumSet.of(BACKUP, REQUESTED, APPROVED, CANCELLED, FAILED, INTERRUPTED)),
            Map.entry(BACKUP, EnumSet.of(APPLYING, APPROVED, CANCELLED, FAILED, INTERRUPTED)),
            Map.entry(APPLYING, EnumSet.of(VERIFYING, FAILED, INTERRUPTED)),
            Map.entry(VERIFYING, EnumSet.of(MONITORING, COMPLETED, FAILED, INTERRUPTED)),
            Map.entry(MONITORING, EnumSet.of(COMPLETED, FAILED, ROLLBACK_REQUESTED)),
            Map.entry(COMPLETED, EnumSet.of(ROLLBACK_REQUESTED)),
            Map.entry(FAILED, EnumSet.of(ROLLBACK_REQUESTED)),
            Map.entry(INTERRUPTED, EnumSet.of(ROLLBACK_REQUESTED)),
            Map.entry(ROLLBACK_REQUESTED, EnumSet.of(ROLLING_BACK, COMPLETED, FAILED, INTERRUPTED)),
            Map.entry(ROLLING_BACK, EnumSet.of(ROLLED_BACK, FAILED, INTERRUPTED)),
            Map.entry(REJECTED, EnumSet.noneOf(RunState.class)),
            Map.entry(CANCELLED, EnumSet.noneOf(RunState.class)),
            Map.entry(ROLLED_BACK, EnumSet.noneOf(RunState.class)));

    public boolean canMoveTo(RunState next) {
        return NEXT.get(this).contains(next);
    }

    /** The states from which {@code next} may be reached. */
    public static Set<RunState> sourcesOf(RunState next) {
        Set<RunState> sources = EnumSet.noneOf(RunState.class);
        for (RunState state : values()) {
            if (state.canMoveTo(next)) {
                sources.add(state);
            }
        }
        return sources;
    }

    /** A run in one of these holds its target: no other run may start there. */
    public boolean active() {
        return EnumSet.of(REQUESTED, APPROVED, PRECHECKS, BACKUP, APPLYING, VERIFYING, MONITORING,
                ROLLBACK_REQUESTED, ROLLING_BACK).contains(this);
    }

    /** The bot is working on it: a crash here leaves it half-known. */
    public boolean inFlight() {
        return EnumSet.of(APPROVED, PRECHECKS, BACKUP, APPLYING, VERIFYING, ROLLING_BACK).contains(this);
    }

    /** Before APPLYING nothing has touched the target, so cancelling simply ends the run. */
    public boolean beforeApplying() {
        return EnumSet.of(REQUESTED, APPROVED, PRECHECKS, BACKUP).contains(this);
    }
}
