package dev.migrateops.slack.view;

/** The channel's notice of a break-glass run started on the command line. Pure. */
public final class BreakGlassView {

    private BreakGlassView() {
    }

    /** @param actor who ran it: the operating-system user and host, as the command line recorded them */
    public static String text(long runId, String target, String actor, boolean rollback, String reason) {
        return "🚨 Break-glass on the command line: " + Mrkdwn.escape(actor) + " started " + (rollback ? "the rollback of " : "")
                + "run #" + runId + " on " + Mrkdwn.escape(target) + " without the approvals it needs. Reason: \""
                + Mrkdwn.escape(reason) + "\". `/migrate status " + runId + "` and `/migrate audit " + runId + "` show what it did.";
    }
}
