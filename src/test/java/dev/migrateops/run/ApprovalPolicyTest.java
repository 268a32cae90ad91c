package dev.migrateops.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.audit.Actor;
import dev.migrateops.config.ChangeWindow;
import dev.migrateops.config.TargetProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-21T01:30:00Z"); // 02:30 in Berlin
    private static final Actor ALICE = new Actor("U0ALICE", "alice");
    private static final Actor BOB = new Actor("U0BOB", "bob");
    private static final Actor CAROL = new Actor("U0CAROL", "carol");

    private final ApprovalPolicy policy = new ApprovalPolicy(new dev.migrateops.policy.Policy(
            dev.migrateops.config.PolicyProperties.none(), (user, group) -> group.equals("S0DBA") && user.equals("U0CAROL")),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static TargetProperties production(List<String> approvers, ChangeWindow window, boolean freeze) {
        return new TargetProperties("jdbc:postgresql://db/app", "u", null, Path.of("migrations"), "C0PROD", 2,
                Duration.ofSeconds(5), Duration.ofSeconds(3), 3, approvers, "staging", window, freeze, Duration.ofHours(4),
                TargetProperties.BackupMode.REQUIRED, null, null, TargetProperties.TraceMode.ON, null, null, null, null, null, null, null, null);
    }

    private static MigrationRun requestedBy(Actor requester) {
        return new MigrationRun(1, "production", RunState.REQUESTED, requester, null, null,
                new RunPlan("db/app", List.of(), List.of(), List.of()), "C0PROD", null, null, null, null, null, null, null,
                NOW, NOW, null);
    }

    @Test
    void theRequesterMayNotApproveTheirOwnRun() {
        assertThatThrownBy(() -> policy.checkVoter(requestedBy(ALICE), production(List.of(), null, false), ALICE, Approval.Purpose.APPLY))
                .hasMessage("you requested this run, so someone else must approve it");
    }

    @Test
    void approversAreUsersOrMembersOfAUserGroup() {
        TargetProperties settings = production(List.of("U0BOB", "S0DBA"), null, false);
        policy.checkVoter(requestedBy(ALICE), settings, BOB, Approval.Purpose.APPLY);
        policy.checkVoter(requestedBy(ALICE), settings, CAROL, Approval.Purpose.APPLY);
        assertThatThrownBy(() -> policy.checkVoter(requestedBy(ALICE), settings, new Actor("U0EVE", "eve"), Approval.Purpose.APPLY))
                .isInstanceOfSatisfying(RunRefusedException.class, refused -> {
                    assertThat(refused).hasMessage("you are not an approver of production");
                    assertThat(refused.remedy()).isEqualTo(RunRefusedException.Remedy.ASK_APPROVERS);
                    assertThat(refused.whoCan()).containsExactly("U0BOB", "S0DBA");
                });
    }

    @Test
    void approvalsOlderThanTheirTimeToLiveNoLongerCount() {
        List<Approval> votes = List.of(new Approval(1, Approval.Purpose.APPLY, BOB, NOW.minus(Duration.ofHours(5))),
                new Approval(1, Approval.Purpose.APPLY, CAROL, NOW.minus(Duration.ofHours(1))));
        List<Approval> current = policy.current(votes, production(List.of(), null, false));
        assertThat(current).extracting(Approval::approver).containsExactly(CAROL);
        assertThat(policy.quorum(current, production(List.of(), null, false))).isFalse();
    }

    @Test
    void runsStartOnlyInsideTheChangeWindowAndNeverDuringAFreeze() {
        ChangeWindow night = new ChangeWindow(LocalTime.of(2, 0), LocalTime.of(4, 0), ZoneId.of("Europe/Berlin"));
        ChangeWindow afternoon = new ChangeWindow(LocalTime.of(14, 0), LocalTime.of(16, 0), ZoneId.of("Europe/Berlin"));
        policy.checkChangeWindow("production", production(List.of(), night, false));
        assertThatThrownBy(() -> policy.checkChangeWindow("production", production(List.of(), afternoon, false)))
                .hasMessage("runs on production may start only within its change window 14:00–16:00 Europe/Berlin; it is 02:30 there now");
        assertThatThrownBy(() -> policy.checkRequestAllowed("production", production(List.of(), null, true)))
                .hasMessageContaining("production is frozen");
        assertThat(new ChangeWindow(LocalTime.of(22, 0), LocalTime.of(3, 0), ZoneId.of("Europe/Berlin")).contains(NOW)).isTrue();
    }
}
