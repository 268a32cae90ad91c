package dev.migrateops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.audit.Actor;
import dev.migrateops.config.PolicyProperties;
import dev.migrateops.config.TargetProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may do what: each kind of person against each kind of target, closed by default where approvals are required. */
class PolicyTest {

    private static final Actor ALICE = new Actor("U0ALICE", "alice");
    private static final Actor BOB = new Actor("U0BOB", "bob");
    private static final Actor DANA = new Actor("U0DANA", "dana");
    private static final Actor MALLORY = new Actor("U0MALLORY", "mallory");

    /** Dana is in the DBA group; nobody else is in any group. */
    private static final ApproverDirectory GROUPS = (user, group) -> group.equals("S0DBA") && user.equals(DANA.id());

    private static final TargetProperties PRODUCTION = target(1, List.of(BOB.id(), "S0DBA"));
    private static final TargetProperties DEV = target(0, List.of());

    private final Policy defaults = new Policy(PolicyProperties.none(), GROUPS);

    @Test
    void onATargetThatNeedsApprovalsOnlyItsApproversMayApproveBackUpRestoreOrAcceptLint() {
        for (Action action : List.of(Action.APPROVE, Action.BACKUP, Action.RESTORE, Action.OVERRIDE_LINT, Action.END_BLOCKER)) {
            assertThat(allowed(defaults, action, BOB, PRODUCTION, ALICE)).as(action + " by a named approver").isTrue();
            assertThat(allowed(defaults, action, DANA, PRODUCTION, ALICE)).as(action + " by a member of an approving group").isTrue();
            assertThat(allowed(defaults, action, MALLORY, PRODUCTION, ALICE)).as(action + " by anyone else").isFalse();
        }
    }

    @Test
    void theRequesterMayCancelAndAskForARollbackOfTheirOwnRunButNotOfAnothers() {
        assertThat(allowed(defaults, Action.CANCEL, ALICE, PRODUCTION, ALICE)).isTrue();
        assertThat(allowed(defaults, Action.ROLLBACK, ALICE, PRODUCTION, ALICE)).isTrue();
        assertThat(allowed(defaults, Action.CANCEL, MALLORY, PRODUCTION, ALICE)).isFalse();
        assertThat(allowed(defaults, Action.ROLLBACK, MALLORY, PRODUCTION, ALICE)).isFalse();
    }

    @Test
    void aTargetThatNeedsNoApprovalAndNamesNobodyIsOpenToEveryone() {
        assertThat(allowed(defaults, Action.APPROVE, MALLORY, DEV, ALICE)).isTrue();
        assertThat(allowed(defaults, Action.BACKUP, MALLORY, DEV, ALICE)).isTrue();
    }

    @Test
    void requestsAndOtherBranchesAreOpenUntilAListClosesThem() {
        assertThat(allowed(defaults, Action.REQUEST, MALLORY, PRODUCTION, null)).isTrue();
        Policy closed = new Policy(new PolicyProperties(Map.of("ref", List.of("S0DBA")),
                Map.of("production", Map.of("request", List.of(ALICE.id())))), GROUPS);

        assertThat(allowed(closed, Action.REQUEST, ALICE, PRODUCTION, null)).isTrue();
        assertThat(allowed(closed, Action.REQUEST, MALLORY, PRODUCTION, null)).isFalse();
        assertThat(allowed(closed, Action.REF, DANA, PRODUCTION, null)).isTrue();
        assertThat(allowed(closed, Action.REF, ALICE, PRODUCTION, null)).isFalse();
        assertThat(closed.decide(Action.REQUEST, MALLORY, "production", PRODUCTION, Optional.empty()).why())
                .isEqualTo("you may not request a run on production");
    }

    @Test
    void aConfiguredListReplacesTheApproversForThatActionOnly() {
        Policy backupsByDba = new Policy(new PolicyProperties(Map.of("backup", List.of("S0DBA")), Map.of()), GROUPS);

        assertThat(allowed(backupsByDba, Action.BACKUP, BOB, PRODUCTION, null)).isFalse();
        assertThat(allowed(backupsByDba, Action.BACKUP, DANA, PRODUCTION, null)).isTrue();
        assertThat(allowed(backupsByDba, Action.APPROVE, BOB, PRODUCTION, null)).isTrue();
    }

    @Test
    void aTargetThatNeedsApprovalsButNamesNoApproversIsFound() {
        assertThat(Policy.unapprovable(Map.of("production", target(1, List.of()), "dev", DEV))).contains("production");
        assertThat(Policy.unapprovable(Map.of("production", PRODUCTION, "dev", DEV))).isEmpty();
    }

    @Test
    void thePolicyDescribesEachAction() {
        Map<Action, String> lines = defaults.describe("production", PRODUCTION);

        assertThat(lines).containsEntry(Action.REQUEST, "anyone in the workspace")
                .containsEntry(Action.BACKUP, "U0BOB, S0DBA")
                .containsEntry(Action.CANCEL, "the requester, or U0BOB, S0DBA");
        assertThat(defaults.describe("dev", DEV)).containsEntry(Action.APPROVE, "anyone (the target needs no approval)");
    }

    private static boolean allowed(Policy policy, Action action, Actor who, TargetProperties target, Actor requester) {
        return policy.decide(action, who, target == DEV ? "dev" : "production", target, Optional.ofNullable(requester)).allowed();
    }

    private static TargetProperties target(int approvals, List<String> approvers) {
        TargetProperties plain = TargetProperties.of("jdbc:postgresql://db/app", "u", null, Path.of("migrations"), "C0", approvals);
        return new TargetProperties(plain.jdbcUrl(), plain.username(), null, plain.migrationsDir(), "C0", approvals,
                plain.connectTimeout(), plain.validationTimeout(), 3, approvers, null, null, false, plain.approvalTtl(), plain.backup(),
                null, null, plain.trace(), null, null, null, null, null, null, null, null);
    }
}
