package dev.migrateops.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.backup.AdHocBackups;
import dev.migrateops.backup.BackupException;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.catalog.Revision;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.policy.Action;
import dev.migrateops.policy.Policy;
import dev.migrateops.run.CompletionReports;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunPlanner;
import dev.migrateops.run.RunRefusedException;
import dev.migrateops.run.RunRepository;
import dev.migrateops.run.RunApprovals;
import dev.migrateops.run.RunRequests;
import dev.migrateops.run.RunRollbacks;
import dev.migrateops.run.TargetHistory;
import dev.migrateops.slack.command.CommandSyntaxException;
import dev.migrateops.slack.command.MigrateCommand;
import dev.migrateops.slack.command.MigrateCommandParser;
import dev.migrateops.slack.outbox.SlackGateway;
import dev.migrateops.slack.view.CommandReplies;
import dev.migrateops.slack.view.RunEventMessages;
import dev.migrateops.engine.TargetRegistry;
import dev.migrateops.text.Plural;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code /migrate}: acknowledges at once (Slack allows 3 s) with validation errors or quick answers;
 * everything that touches a database runs on a bounded executor and answers through response_url.
 */
@Component
class SlashCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(SlashCommandHandler.class);

    private final TargetRegistry targets;
    private final MigrateCommandParser parser;
    private final RunRequests requests;
    private final RunApprovals approvals;
    private final RunRollbacks rollbacks;
    private final RunRepository runs;
    private final RunPlanner planner;
    private final TargetHistory history;
    private final AuditLog audit;
    private final InboundRequests inbound;
    private final AdHocBackups adHocBackups;
    private final CompletionReports reports;
    private final SlackGateway gateway;
    private final Executor executor;
    private final Executor slowExecutor;
    private final Policy policy;
    private final InternalFailures failures;

    public SlashCommandHandler(TargetRegistry targets, RunRequests requests, RunApprovals approvals, RunRollbacks rollbacks, RunRepository runs, RunPlanner planner,
                               TargetHistory history, AuditLog audit, InboundRequests inbound, AdHocBackups adHocBackups,
                               SlackGateway gateway, CompletionReports reports, @Qualifier("slackExecutor") Executor executor,
                               @Qualifier("slackSlowExecutor") Executor slowExecutor, Policy policy, InternalFailures failures) {
        this.targets = targets;
        this.parser = new MigrateCommandParser(targets.names());
        this.requests = requests;
        this.approvals = approvals;
        this.rollbacks = rollbacks;
        this.runs = runs;
        this.planner = planner;
        this.history = history;
        this.audit = audit;
        this.inbound = inbound;
        this.adHocBackups = adHocBackups;
        this.reports = reports;
        this.gateway = gateway;
        this.executor = executor;
        this.slowExecutor = slowExecutor;
        this.policy = policy;
        this.failures = failures;
    }

    public Response handle(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload payload = request.getPayload();
        Actor actor = new Actor(payload.getUserId(), payload.getUserName());
        // parsing, help and the list of targets need no database: they answer even while the store is away
        MigrateCommand command;
        try {
            command = parser.parse(payload.getText());
        } catch (CommandSyntaxException e) {
            auditIfPossible(actor, "refused.command", Map.of("text", clip(payload.getText()), "why", e.getMessage()));
            return ctx.ack(e.getMessage());
        }
        if (command.verb() == MigrateCommand.Verb.HELP) {
            return ctx.ack(CommandReplies.help());
        }
        if (command.verb() == MigrateCommand.Verb.TARGETS) {
            return ctx.ack(CommandReplies.targets(targetLines()));
        }
        try {
            if (!inbound.firstTime(InboundRequests.key("command", payload.getTriggerId()))) {
                audit.record(null, actor, "command.duplicate", Map.of("retry",
                        String.valueOf(request.getHeaders().getFirstValue("X-Slack-Retry-Num"))));
                return ctx.ack();
            }
        } catch (RuntimeException e) {
            return ctx.ack(failures.answer(actor, "/migrate " + command.verb().name().toLowerCase(), e));
        }
        try {
            (command.verb().slow() ? slowExecutor : executor).execute(() -> work(command, actor, ctx));
        } catch (RejectedExecutionException e) {
            return ctx.ack("I am busy right now; try again in a minute.");
        }
        return command.verb() == MigrateCommand.Verb.APPLY
                ? ctx.ack("⏳ Planning a run on " + command.target().get() + "…") : ctx.ack();
    }

    /** An audit row where the store answers; a refusal is still answered when it does not. */
    private void auditIfPossible(Actor actor, String action, Map<String, ?> details) {
        try {
            audit.record(null, actor, action, details);
        } catch (RuntimeException e) {
            log.warn("could not audit {} by {}: {}", action, actor.id(), e.getMessage());
        }
    }

    private void work(MigrateCommand command, Actor actor, SlashCommandContext ctx) {
        String reply;
        try {
            reply = answer(command, actor);
        } catch (RunRefusedException e) {
            reply = CommandReplies.refusal(e);
        } catch (BackupException e) {
            reply = "❌ The backup failed: " + e.getMessage();
        } catch (RuntimeException e) {
            reply = failures.answer(actor, "/migrate " + command.verb().name().toLowerCase(), e);
        }
        try {
            String text = reply;
            ctx.respond(r -> r.responseType("ephemeral").text(text));
        } catch (Exception e) {
            log.warn("could not answer /migrate {} through response_url: {}", command.verb(), e.getMessage());
        }
    }

    private String answer(MigrateCommand command, Actor actor) {
        return switch (command.verb()) {
            case PLAN -> CommandReplies.plan(command.target().get(), planner.plan(command.target().get(),
                    command.toVersion().map(MigrationVersion::parse), Revision.ref(command.ref().orElse(null))));
            case APPLY -> {
                MigrationRun run = requests.request(command.target().get(), actor, command.reason().orElse(null),
                        command.toVersion().map(MigrationVersion::parse), Revision.ref(command.ref().orElse(null)));
                yield "Run " + run.label() + " requested on " + run.target() + " (" + Plural.of(run.plan().migrations().size(),
                        "migration") + "); its card is in <#" + run.channel() + ">.";
            }
            case STATUS -> command.runId().map(id -> runs.find(id).map(CommandReplies::run).orElseGet(() -> unknownRun(id, actor)))
                    .orElseGet(() -> CommandReplies.runs(runs.recent(Optional.empty(), 10)));
            case HISTORY -> command.target().map(t -> CommandReplies.history(t, history.of(t)))
                    .orElseGet(() -> CommandReplies.runs(runs.recent(Optional.empty(), 10)));
            case CANCEL -> withRun(command, actor, id -> {
                MigrationRun after = requests.cancel(id, actor);
                return after.state() == dev.migrateops.run.RunState.APPLYING
                        ? "Cancelling run #" + id + ": the running migration rolls back; the card shows the result."
                        : "Run #" + id + " is now " + after.state() + ".";
            });
            case ROLLBACK -> withRun(command, actor, id -> "Rollback of run #" + id + " requested: "
                    + rollbacks.requestRollback(id, actor, command.reason().orElse(null), command.restore()).state() + ".");
            case AUDIT -> withRun(command, actor, id -> CommandReplies.audit(id, audit.forRun(id)));
            case REPORT -> withRun(command, actor, id -> reports.find(id).map(RunEventMessages::report).orElse("Run #" + id
                    + " has no completion report: it is written when a run that started closes."));
            case CLOSE -> withRun(command, actor, id -> "Run #" + id + " is now " + requests.close(id, actor).state() + ".");
            case OVERRIDE -> withRun(command, actor, id -> {
                return CommandReplies.overridden(approvals.overrideLint(id, actor, command.reason().get()));
            });
            case POLICY -> CommandReplies.policy(command.target().get(), policy.describe(command.target().get(),
                    targets.get(command.target().get()).settings()));
            case BACKUP -> {
                Policy.Decision may = policy.decide(Action.BACKUP, actor, command.target().get(),
                        targets.get(command.target().get()).settings(), Optional.empty());
                if (!may.allowed()) {
                    audit.record(null, actor, "refused.backup", Map.of("target", command.target().get(), "why", may.why()));
                    yield CommandReplies.refusal(new RunRefusedException(may.why(), RunRefusedException.Remedy.ASK_APPROVERS, null,
                            may.whoMay()));
                }
                AdHocBackups.Result result = adHocBackups.take(command.target().get(), actor);
                String text = CommandReplies.backup(command.target().get(), result.backup(), result.verification(), result.retired());
                gateway.channelMessage(targets.get(command.target().get()).settings().incidentChannel(),
                        text + " (ad hoc, by <@" + actor.id() + ">)");
                yield text;
            }
            case BACKUPS -> CommandReplies.backups(command.target().get(), adHocBackups.list(command.target().get()));
            case HELP, TARGETS -> throw new IllegalStateException("answered in the ack");
        };
    }

    private String withRun(MigrateCommand command, Actor actor, java.util.function.LongFunction<String> work) {
        long id = command.runId().get();
        return runs.find(id).isPresent() ? work.apply(id) : unknownRun(id, actor);
    }

    private String unknownRun(long id, Actor actor) {
        audit.record(null, actor, "refused.unknown_run", Map.of("run", id));
        return "There is no run #" + id + ".\n" + CommandReplies.runs(runs.recent(Optional.empty(), 5));
    }

    private Map<String, String> targetLines() {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String name : targets.names()) {
            TargetProperties s = targets.get(name).settings();
            lines.put(name, "(" + targets.get(name).description() + ") · " + Plural.of(s.approvalsRequired(), "approval")
                    + (s.requiresAppliedOn() == null ? "" : " · after " + s.requiresAppliedOn())
                    + (s.changeWindow() == null ? "" : " · window " + s.changeWindow().describe())
                    + (s.freeze() ? " · FROZEN" : "") + " · backup " + s.backup().name().toLowerCase());
        }
        return lines;
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
