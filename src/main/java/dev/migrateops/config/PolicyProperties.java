package dev.migrateops.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may do what beyond approving, from {@code migrateops.policy}: for each action (request, cancel, end-blocker,
 * override-lint, backup, rollback, restore, ref) a list of Slack user ids ({@code U…}) and user-group ids ({@code S…}).
 * {@code defaults} apply to every target, {@code targets.<name>} to one. An action nobody configured keeps its built-in
 * rule (see the README's threat model); approvers are each target's own {@code approvers}.
 */
@ConfigurationProperties("migrateops.policy")
public record PolicyProperties(Map<String, List<String>> defaults, Map<String, Map<String, List<String>>> targets) {

    public PolicyProperties {
        defaults = defaults == null ? Map.of() : new TreeMap<>(defaults);
        targets = targets == null ? Map.of() : new TreeMap<>(targets);
    }

    /** Nobody configured anything: the built-in rules everywhere. */
    public static PolicyProperties none() {
        return new PolicyProperties(Map.of(), Map.of());
    }

    /** Who may take the action on the target, as configured (the target's own list, else the defaults); empty: not configured. */
    public List<String> configured(String target, String action) {
        List<String> own = targets.getOrDefault(target, Map.of()).get(action);
        return own != null ? own : defaults.getOrDefault(action, List.of());
    }
}
