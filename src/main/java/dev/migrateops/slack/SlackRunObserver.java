package dev.migrateops.slack;

import dev.migrateops.config.TargetProperties;
import dev.migrateops.run.ApprovalPolicy;
import dev.migrateops.run.Approval;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunObserver;
import dev.migrateops.run.RunRepository;
import dev.migrateops.run.RunState;
import dev.migrateops.run.StatusSnapshot;
import dev.migrateops.slack.outbox.SlackGateway;
import dev.migrateops.slack.view.BlockJson;
import dev.migrateops.slack.view.MonitoringAlertView;
import dev.migrateops.slack.view.RunCard;
import dev.migrateops.slack.view.RunCardView;
import dev.migrateops.slack.view.StatusUpdateView;
import dev.migrateops.engine.TargetRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Shows runs in Slack: the card in place, steps in its thread, alerts that mention the people involved. */
@Component
public class SlackRunObserver implements RunObserver {

    private final SlackGateway gateway;
    private final RunRepository runs;
    private final TargetRegistry targets;
    private final ApprovalPolicy policy;

    public SlackRunObserver(SlackGateway gateway, RunRepository runs, TargetRegistry targets, ApprovalPolicy policy) {
        this.gateway = gateway;
        this.runs = runs;
        this.targets = targets;
        this.policy = policy;
    }

    @Override
    public void runChanged(MigrationRun run) {
        RunCard card = card(run);
        gateway.card(run.id(), run.channel(), RunCardView.fallbackText(card), BlockJson.of(RunCardView.blocks(card)));
    }

    @Override
    public void step(MigrationRun run, String message) {
        gateway.threadReply(run.id(), run.channel(), message);
    }

    @Override
    public void alert(MigrationRun run, String message) {
        String mentions = people(run).stream().map(id -> "<@" + id + ">").collect(Collectors.joining(" "));
        gateway.threadReply(run.id(), run.channel(), mentions + " " + message);
    }

    /** The requester and the approvers: who must hear about trouble. */
    private List<String> people(MigrationRun run) {
        Set<String> people = new LinkedHashSet<>();
        people.add(run.requester().id());
        runs.approvals(run.id(), Approval.Purpose.APPLY).forEach(a -> people.add(a.approver().id()));
        return List.copyOf(people);
    }

    @Override
    public void monitoringAlert(MigrationRun run, String message) {
        List<String> people = people(run);
        gateway.channelMessage(run.channel(), MonitoringAlertView.text(run, people, message),
                BlockJson.of(MonitoringAlertView.blocks(run, people, message)));
    }

    @Override
    public void statusUpdate(MigrationRun run, StatusSnapshot snapshot) {
        gateway.channelMessage(run.channel(), StatusUpdateView.text(run, snapshot));
    }

    RunCard card(MigrationRun run) {
        TargetProperties settings = targets.get(run.target()).settings();
        Approval.Purpose purpose = run.state() == RunState.ROLLBACK_REQUESTED || run.state() == RunState.ROLLING_BACK
                || run.state() == RunState.ROLLED_BACK ? Approval.Purpose.ROLLBACK : Approval.Purpose.APPLY;
        List<Approval> approvals = policy.current(runs.approvals(run.id(), purpose), settings);
        return new RunCard(run, approvals, settings.approvalsRequired(), settings.approvers(), settings.approvalTtl(),
                settings.backup() == TargetProperties.BackupMode.REQUIRED,
                settings.changeWindow() == null ? null : settings.changeWindow().describe(), runs.lintOverride(run.id()).orElse(null));
    }

}
