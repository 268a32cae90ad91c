package dev.migrateops.policy;

/** What a person may ask the bot to do about a target, each with its built-in rule when nobody configured one. */
public enum Action {
    REQUEST("request", Rule.EVERYONE, "request a run"),
    APPROVE("approve", Rule.APPROVERS, "approve or reject"),
    CANCEL("cancel", Rule.REQUESTER_OR_APPROVERS, "cancel or close a run"),
    END_BLOCKER("end-blocker", Rule.APPROVERS, "end a session that blocks a migration"),
    OVERRIDE_LINT("override-lint", Rule.APPROVERS, "accept lint errors"),
    BACKUP("backup", Rule.APPROVERS, "take a backup now"),
    ROLLBACK("rollback", Rule.REQUESTER_OR_APPROVERS, "ask for a rollback"),
    RESTORE("restore", Rule.APPROVERS, "approve a restore from backup"),
    REF("ref", Rule.EVERYONE, "request a run of another branch, tag or commit (--ref)");

    /** Who may, when nobody said otherwise. Approvers: a target that needs no approval and names none lets anyone. */
    public enum Rule { EVERYONE, APPROVERS, REQUESTER_OR_APPROVERS }

    private final String key;
    private final Rule rule;
    private final String description;

    Action(String key, Rule rule, String description) {
        this.key = key;
        this.rule = rule;
        this.description = description;
    }

    /** Its name under {@code migrateops.policy}. */
    public String key() {
        return key;
    }

    public Rule rule() {
        return rule;
    }

    public String description() {
        return description;
    }
}
