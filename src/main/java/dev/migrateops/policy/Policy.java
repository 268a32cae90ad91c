package dev.migrateops.policy;

import dev.migrateops.audit.Actor;
import dev.migrateops.config.PolicyProperties;
import dev.migrateops.config.TargetProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may do what on a target: pure decisions over the settings and the person (Slack user groups resolved by the
 * {@link ApproverDirectory}). Closed by default wherever approvals are required: an action reserved to approvers is
 * nobody's when a target that needs approvals names none (such a target does not start, see {@link #unapprovable}).
 */
public final class Policy {

    private final PolicyProperties settings;
    private final ApproverDirectory directory;

    public Policy(PolicyProperties settings, ApproverDirectory directory) {
        this.settings = settings;
        this.directory = directory;
    }

    /** A decision: allowed, or refused with the reason in a sentence. */
    public record Decision(boolean allowed, String why, List<String> whoMay) {

        static Decision allow() {
            return new Decision(true, null, List.of());
        }
    }

    /**
     * Whether {@code who} may take {@code action} on the target.
     *
     * @param requester the run's requester, for actions on a run; empty for actions on the target itself
     */
    public Decision decide(Action action, Actor who, String target, TargetProperties targetSettings, Optional<Actor> requester) {
        List<String> whoMay = whoMay(action, target, targetSettings);
        boolean isRequester = requester.isPresent() && requester.get().id().equals(who.id());
        boolean allowed = switch (ruleFor(action, target)) {
            case EVERYONE -> true;
            case APPROVERS -> member(who, whoMay, targetSettings);
            case REQUESTER_OR_APPROVERS -> isRequester || member(who, whoMay, targetSettings);
        };
        return allowed ? Decision.allow() : new Decision(false, "you may not " + action.description() + " on " + target
                + (whoMay.isEmpty() ? ": nobody is named for it" : ""), whoMay);
    }

    /** Whether the person is among the target's approvers. */
    public boolean isApprover(Actor who, TargetProperties target) {
        return member(who, target.approvers(), target);
    }

    /** The named people and groups who may take the action (for a rule of approvers, the approvers unless configured). */
    public List<String> whoMay(Action action, String target, TargetProperties targetSettings) {
        List<String> configured = action == Action.APPROVE ? List.of() : settings.configured(target, action.key());
        return configured.isEmpty() ? targetSettings.approvers() : configured;
    }

    /** Each action and who may take it, for {@code policy <target>}. */
    public Map<Action, String> describe(String target, TargetProperties targetSettings) {
        Map<Action, String> lines = new LinkedHashMap<>();
        for (Action action : Action.values()) {
            List<String> whoMay = whoMay(action, target, targetSettings);
            String named = whoMay.isEmpty() ? (targetSettings.approvalsRequired() == 0 ? "anyone (the target needs no approval)" : "nobody")
                    : String.join(", ", whoMay);
            lines.put(action, switch (ruleFor(action, target)) {
                case EVERYONE -> "anyone in the workspace";
                case APPROVERS -> named;
                case REQUESTER_OR_APPROVERS -> "the requester, or " + named;
            });
        }
        return lines;
    }

    /** Targets that need approvals but name nobody to give them: anyone could approve, so they must not start. */
    public static Optional<String> unapprovable(Map<String, TargetProperties> targets) {
        return targets.entrySet().stream().filter(e -> e.getValue().approvalsRequired() > 0 && e.getValue().approvers().isEmpty())
                .map(Map.Entry::getKey).findFirst();
    }

    private Action.Rule ruleFor(Action action, String target) {
        // a list configured for an action open to everyone closes it to those named
        return action.rule() == Action.Rule.EVERYONE && !settings.configured(target, action.key()).isEmpty()
                ? Action.Rule.APPROVERS : action.rule();
    }

    private boolean member(Actor who, List<String> named, TargetProperties target) {
        if (named.isEmpty()) {
            return target.approvalsRequired() == 0;
        }
        for (String entry : named) {
            if (entry.equals(who.id()) || entry.startsWith("S") && directory.isMember(who.id(), entry)) {
                return true;
            }
        }
        return false;
    }
}
