package dev.migrateops.run;

import java.util.List;

/**
 * A person asked for something the policy does not allow. The message says why in plain words; the
 * remedy and the people who could act instead are typed, for each front end to phrase.
 */
public class RunRefusedException extends RuntimeException {

    /** What the person can do instead, beyond the message. */
    public enum Remedy {
        NONE,
        /** nothing to do: the target already has what was asked for (a pipeline's re-run succeeds) */
        UP_TO_DATE,
        /** an approver accepts the run's lint errors with a reason */
        OVERRIDE_LINT,
        /** the active run on the target ends first, or is cancelled */
        CANCEL_ACTIVE_RUN,
        /** one of {@link #whoCan()} acts instead */
        ASK_APPROVERS,
        /** the target needs votes: ask for them, or waive them with a break-glass reason */
        WAIVE_APPROVALS
    }

    private final Remedy remedy;
    private final Long runId;
    private final List<String> whoCan;

    public RunRefusedException(String message) {
        this(message, Remedy.NONE, null, List.of());
    }

    public RunRefusedException(String message, Remedy remedy, Long runId, List<String> whoCan) {
        super(message);
        this.remedy = remedy;
        this.runId = runId;
        this.whoCan = List.copyOf(whoCan);
    }

    public Remedy remedy() {
        return remedy;
    }

    /** The run the remedy is about (the run to override, the active run to cancel), or null. */
    public Long runId() {
        return runId;
    }

    /** The people (or groups) who could do it instead, by id. */
    public List<String> whoCan() {
        return whoCan;
    }
}
