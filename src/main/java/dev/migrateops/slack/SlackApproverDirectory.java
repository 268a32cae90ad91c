package dev.migrateops.slack;

import com.slack.api.methods.MethodsClient;
import dev.migrateops.policy.ApproverDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Resolves Slack user groups ({@code S…}) to their members, cached for a minute. */
@Component
class SlackApproverDirectory implements ApproverDirectory {

    private static final Logger log = LoggerFactory.getLogger(SlackApproverDirectory.class);
    private static final Duration TTL = Duration.ofMinutes(1);

    private record Members(List<String> users, Instant fetchedAt) {
    }

    private final MethodsClient slack;
    private final Clock clock;
    private final Map<String, Members> cache = new ConcurrentHashMap<>();

    public SlackApproverDirectory(MethodsClient slack, Clock clock) {
        this.slack = slack;
        this.clock = clock;
    }

    @Override
    public boolean isMember(String userId, String groupId) {
        Members members = cache.get(groupId);
        if (members == null || members.fetchedAt().plus(TTL).isBefore(clock.instant())) {
            try {
                var response = slack.usergroupsUsersList(r -> r.usergroup(groupId));
                if (!response.isOk()) {
                    log.warn("usergroups.users.list {} answered {}", groupId, response.getError());
                    return false;
                }
                members = new Members(response.getUsers(), clock.instant());
                cache.put(groupId, members);
            } catch (Exception e) {
                log.warn("could not read user group {}: {}", groupId, e.getMessage());
                return false;
            }
        }
        return members.users().contains(userId);
    }
}
