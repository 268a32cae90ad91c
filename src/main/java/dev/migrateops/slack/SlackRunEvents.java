package dev.migrateops.slack;

import dev.migrateops.backup.BackupStore;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.TargetRegistry;
import dev.migrateops.run.Approval;
import dev.migrateops.run.ApprovalPolicy;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunRepository;
import dev.migrateops.run.RunState;
import dev.migrateops.run.RunSteps;
import dev.migrateops.slack.outbox.SlackGateway;
import dev.migrateops.slack.view.BlockJson;
import dev.migrateops.slack.view.LiveReplyView;
import dev.migrateops.slack.view.MonitoringAlertView;
import dev.migrateops.slack.view.RunCard;
import dev.migrateops.slack.view.RunCardView;
import dev.migrateops.slack.view.RunEventMessages;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Shows run events in Slack: the card redrawn in place when the run changed, the event's message in the
 * thread or the channel, alerts that mention the people involved. Everything goes through the outbox, in
 * the transaction that published the event.
 */
@Component
class SlackRunEvents {

    private final SlackGateway gateway;
    private final RunRepository runs;
    private final TargetRegistry targets;
    private final ApprovalPolicy policy;
    private final BackupStore backups;
    private final RunSteps steps;

    public SlackRunEvents(SlackGateway gateway, RunRepository runs, TargetRegistry targets, ApprovalPolicy policy,
                          BackupStore backups, RunSteps steps) {
        this.steps = steps;
        this.gateway = gateway;
        this.runs = runs;
        this.targets = targets;
        this.policy = policy;
        this.backups = backups;
    }

    @EventListener
    @Order(0)
    public void on(RunEvent event) {
        MigrationRun run = event.run();
        Optional<LiveReplyView.LiveReply> live = LiveReplyView.of(event);
        // the card shows the running step's live line too
        if (event.runChanged() || live.isPresent()) {
            RunCard card = card(run, rollbackOffered(event));
            gateway.card(run.id(), run.channel(), RunCardView.fallbackText(card), BlockJson.of(RunCardView.blocks(card)));
        }
        live.ifPresent(reply -> gateway.liveReply(run.id(), run.channel(), reply.key(), reply.text(), BlockJson.of(reply.blocks())));
        if (event instanceof RunEvent.MonitoringAlert alert) {
            List<String> people = people(run);
            gateway.channelMessage(run.channel(), MonitoringAlertView.text(run, people, alert.detail()),
                    BlockJson.of(MonitoringAlertView.blocks(run, people, alert.detail())));
            return;
        }
        RunEventMessages.of(event).ifPresent(message -> {
            switch (message.placement()) {
                case THREAD -> gateway.threadReply(run.id(), run.channel(), message.text());
                case ALERT -> gateway.threadReply(run.id(), run.channel(),
                        people(run).stream().map(id -> "<@" + id + ">").collect(Collectors.joining(" ")) + " " + message.text());
                case CHANNEL -> gateway.channelMessage(run.channel(), message.text());
            }
        });
    }

    /** A failed or interrupted run whose history shows nothing applied offers no Rollback button. */
    private static boolean rollbackOffered(RunEvent event) {
        if (event instanceof RunEvent.Failed failed) {
            return failed.rollback().offered();
        }
        if (event instanceof RunEvent.Interrupted interrupted) {
            return interrupted.rollback().offered();
        }
        return true;
    }

    /** The requester and the approvers: who must hear about trouble. */
    private List<String> people(MigrationRun run) {
        Set<String> people = new LinkedHashSet<>();
        people.add(run.requester().id());
        runs.approvals(run.id(), Approval.Purpose.APPLY).forEach(a -> people.add(a.approver().id()));
        return List.copyOf(people);
    }

    RunCard card(MigrationRun run, boolean rollbackOffered) {
        TargetProperties settings = targets.get(run.target()).settings();
        Approval.Purpose purpose = run.state() == RunState.ROLLBACK_REQUESTED || run.state() == RunState.ROLLING_BACK
                || run.state() == RunState.ROLLED_BACK ? Approval.Purpose.ROLLBACK : Approval.Purpose.APPLY;
        List<Approval> approvals = policy.current(runs.approvals(run.id(), purpose), settings);
        return new RunCard(run, approvals, settings.approvalsRequired(), settings.approvers(), settings.approvalTtl(),
                settings.backup() == TargetProperties.BackupMode.REQUIRED,
                settings.changeWindow() == null ? null : settings.changeWindow().describe(), runs.lintOverride(run.id()).orElse(null),
                rollbackOffered, backups.verifiedForRun(run.id()).orElse(null), steps.current(run.id()).orElse(null));
    }
}
