package dev.migrateops.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.engine.Blocker;
import dev.migrateops.run.RunBlockers;
import dev.migrateops.run.RunRefusedException;
import dev.migrateops.run.RunRepository;
import dev.migrateops.run.RunApprovals;
import dev.migrateops.run.RunRequests;
import dev.migrateops.run.RunRollbacks;
import dev.migrateops.run.RunState;
import dev.migrateops.slack.outbox.SlackGateway;
import dev.migrateops.slack.view.BlockJson;
import dev.migrateops.slack.view.CommandReplies;
import dev.migrateops.slack.view.EndBlockerModalView;
import dev.migrateops.slack.view.LiveReplyView;
import dev.migrateops.slack.view.RejectModalView;
import dev.migrateops.slack.view.RestoreModalView;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The card's buttons. Clicks are acknowledged at once and acted on off the request thread; a refused
 * click gets an ephemeral "why not" (the refusal itself is audited by the run service).
 */
@Component
class ActionHandler {

    private static final Logger log = LoggerFactory.getLogger(ActionHandler.class);

    private final RunRequests requests;
    private final RunApprovals approvals;
    private final RunRollbacks rollbacks;
    private final RunRepository runs;
    private final SlackGateway gateway;
    private final InboundRequests inbound;
    private final Executor executor;
    private final InternalFailures failures;
    private final SlackViews views;
    private final AuditLog audit;
    private final RunBlockers blockers;

    public ActionHandler(RunRequests requests, RunApprovals approvals, RunRollbacks rollbacks, RunRepository runs, SlackGateway gateway, InboundRequests inbound,
                         @Qualifier("slackExecutor") Executor executor, InternalFailures failures, SlackViews views,
                         AuditLog audit, RunBlockers blockers) {
        this.blockers = blockers;
        this.requests = requests;
        this.approvals = approvals;
        this.rollbacks = rollbacks;
        this.runs = runs;
        this.gateway = gateway;
        this.inbound = inbound;
        this.executor = executor;
        this.failures = failures;
        this.views = views;
        this.audit = audit;
    }

    /** Approve; a rollback that restores a backup first asks for the target's name in a dialog. */
    public Response approve(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload payload = request.getPayload();
        long runId = runId(payload);
        if (runs.find(runId).isEmpty()) {
            return noSuchRun(ctx, runId, actor(payload));
        }
        if (!approvals.approvalNeedsTypedTarget(runId)) {
            return onClick(request, ctx, (id, actor) -> approvals.approve(id, actor));
        }
        return openDialog(request, ctx, runId, SlackViews.Purpose.RESTORE_CONFIRMATION, () -> {
            approvals.checkMayApprove(runId, actor(payload));
            return BlockJson.of(RestoreModalView.modal(runId, runs.get(runId).target()));
        });
    }

    public Response restoreConfirmed(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        var payload = request.getPayload();
        long runId = runNumber(payload.getView().getPrivateMetadata());
        Actor actor = new Actor(payload.getUser().getId(), payload.getUser().getUsername());
        String typed = typed(payload.getView().getState(), RestoreModalView.BLOCK_ID, RestoreModalView.ACTION_ID);
        if (runs.find(runId).isEmpty()) {
            return ctx.ackWithErrors(Map.of(RestoreModalView.BLOCK_ID, noSuchRun(runId, actor)));
        }
        String target = runs.get(runId).target();
        if (!typed.equals(target)) {
            return ctx.ackWithErrors(Map.of(RestoreModalView.BLOCK_ID, "Type " + target + " exactly to confirm the restore."));
        }
        Optional<String> refused = notAnswering(payload.getView().getId(), runId, SlackViews.Purpose.RESTORE_CONFIRMATION, actor);
        if (refused.isPresent()) {
            return ctx.ackWithErrors(Map.of(RestoreModalView.BLOCK_ID, refused.get()));
        }
        submit(runs.get(runId).channel(), actor, () -> approvals.approve(runId, actor, Optional.of(typed)));
        return ctx.ack();
    }

    public Response cancel(BlockActionRequest request, ActionContext ctx) {
        return onClick(request, ctx, (runId, actor) -> requests.cancel(runId, actor));
    }

    public Response rollback(BlockActionRequest request, ActionContext ctx) {
        return onClick(request, ctx, (runId, actor) -> rollbacks.requestRollback(runId, actor, "rollback button", false));
    }

    /** Reject asks for a reason first: the modal must open within Slack's 3 s, so it opens here. */
    public Response reject(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload payload = request.getPayload();
        long runId = runId(payload);
        if (runs.find(runId).isEmpty()) {
            return noSuchRun(ctx, runId, actor(payload));
        }
        return openDialog(request, ctx, runId, SlackViews.Purpose.REJECT_REASON, () -> {
            approvals.checkMayReject(runId, actor(payload));
            return BlockJson.of(RejectModalView.modal(runId, runs.get(runId).target()));
        });
    }

    public Response cancelBlocker(BlockActionRequest request, ActionContext ctx) {
        return endBlocker(request, ctx, RunBlockers.Ending.CANCEL);
    }

    public Response terminateBlocker(BlockActionRequest request, ActionContext ctx) {
        return endBlocker(request, ctx, RunBlockers.Ending.TERMINATE);
    }

    /** Cancel/Terminate blocker: an approver confirms in a dialog that names the session and what ending it does. */
    private Response endBlocker(BlockActionRequest request, ActionContext ctx, RunBlockers.Ending how) {
        BlockActionPayload payload = request.getPayload();
        Actor actor = actor(payload);
        LiveReplyView.BlockerRef ref;
        try {
            ref = LiveReplyView.BlockerRef.parse(payload.getActions().get(0).getValue());
        } catch (IllegalArgumentException e) {
            audit.record(null, actor, "refused.end_blocker", Map.of("why", "malformed button value"));
            respondDirectly(ctx, "That button names no session MigrateOps showed; nothing was done.");
            return ctx.ack();
        }
        if (runs.find(ref.runId()).isEmpty()) {
            return noSuchRun(ctx, ref.runId(), actor);
        }
        long runId = ref.runId();
        return openDialog(request, ctx, runId, purpose(how), () -> {
            Blocker blocker = blockers.checkMayEnd(runId, actor, ref.pid(), ref.backendStart(), how);
            return BlockJson.of(EndBlockerModalView.modal(how, ref, blocker));
        });
    }

    public Response blockerEndConfirmed(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        var payload = request.getPayload();
        Actor actor = new Actor(payload.getUser().getId(), payload.getUser().getUsername());
        EndBlockerModalView.Submitted submitted;
        try {
            submitted = EndBlockerModalView.Submitted.parse(payload.getView().getPrivateMetadata());
        } catch (IllegalArgumentException e) {
            audit.record(null, actor, "refused.end_blocker", Map.of("why", "malformed dialog"));
            return ctx.ack();
        }
        long runId = submitted.ref().runId();
        if (runs.find(runId).isEmpty()) {
            noSuchRun(runId, actor);
            return ctx.ack();
        }
        String channel = runs.get(runId).channel();
        Optional<String> refused = notAnswering(payload.getView().getId(), runId, purpose(submitted.how()), actor);
        if (refused.isPresent()) {
            gateway.ephemeral(channel, actor.id(), refused.get());
            return ctx.ack();
        }
        submit(channel, actor, () -> blockers.end(runId, actor, submitted.ref().pid(), submitted.ref().backendStart(),
                submitted.how()));
        return ctx.ack();
    }

    private static SlackViews.Purpose purpose(RunBlockers.Ending how) {
        return how == RunBlockers.Ending.CANCEL ? SlackViews.Purpose.CANCEL_BLOCKER : SlackViews.Purpose.TERMINATE_BLOCKER;
    }

    /** Opens a dialog after a policy check; a refusal becomes an ephemeral "why not" instead. */
    private Response openDialog(BlockActionRequest request, ActionContext ctx, long runId, SlackViews.Purpose purpose,
                                java.util.function.Supplier<String> view) {
        BlockActionPayload payload = request.getPayload();
        Actor actor = actor(payload);
        try {
            if (!inbound.firstTime(InboundRequests.key("action", payload.getTriggerId()))) {
                return ctx.ack();
            }
        } catch (RuntimeException e) {
            respondDirectly(ctx, failures.answer(actor, "dialog", e));
            return ctx.ack();
        }
        try {
            String json = view.get();
            RunState state = runs.get(runId).state();
            var response = ctx.client().viewsOpen(r -> r.triggerId(payload.getTriggerId()).viewAsString(json));
            if (response.isOk()) {
                views.opened(response.getView().getId(), runId, purpose, state, actor.id());
            } else {
                gateway.ephemeral(payload.getChannel().getId(), actor.id(), "I could not open the dialog (" + response.getError()
                        + "); click again in a moment.");
            }
        } catch (RunRefusedException e) {
            gateway.ephemeral(payload.getChannel().getId(), actor.id(), CommandReplies.refusal(e));
        } catch (RuntimeException e) {
            gateway.ephemeral(payload.getChannel().getId(), actor.id(), failures.answer(actor, "dialog for run #" + runId, e));
        } catch (Exception e) {
            log.warn("dialog for run #{} failed: {}", runId, e.getMessage());
            gateway.ephemeral(payload.getChannel().getId(), actor.id(), "I could not open the dialog; click again.");
        }
        return ctx.ack();
    }

    public Response rejectSubmitted(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        var payload = request.getPayload();
        long runId = runNumber(payload.getView().getPrivateMetadata());
        Actor actor = new Actor(payload.getUser().getId(), payload.getUser().getUsername());
        String reason = typed(payload.getView().getState(), RejectModalView.BLOCK_ID, RejectModalView.ACTION_ID);
        if (runs.find(runId).isEmpty()) {
            return ctx.ackWithErrors(Map.of(RejectModalView.BLOCK_ID, noSuchRun(runId, actor)));
        }
        if (reason.length() < 3) {
            return ctx.ackWithErrors(Map.of(RejectModalView.BLOCK_ID, "Say why, so the requester knows what to change."));
        }
        Optional<String> refused = notAnswering(payload.getView().getId(), runId, SlackViews.Purpose.REJECT_REASON, actor);
        if (refused.isPresent()) {
            return ctx.ackWithErrors(Map.of(RejectModalView.BLOCK_ID, refused.get()));
        }
        String channel = runs.get(runId).channel();
        submit(channel, actor, () -> approvals.reject(runId, actor, reason));
        return ctx.ack();
    }

    /**
     * Why a submission is not acted on — it answers no dialog the bot opened for this person, run and purpose,
     * was answered already, or the run has moved on since — or empty when it may be. Refusals are audited.
     */
    private Optional<String> notAnswering(String viewId, long runId, SlackViews.Purpose purpose, Actor actor) {
        Optional<RunState> openedIn = views.answer(viewId, runId, purpose, actor.id());
        RunState now = runs.get(runId).state();
        String why = openedIn.isEmpty() ? "This dialog is not one MigrateOps opened for you for run #" + runId
                + ", or it was answered already. Click the button on the card again."
                : openedIn.get() != now ? "Run #" + runId + " is " + now + " now, not " + openedIn.get()
                + " as when this dialog opened: look at the card again." : null;
        if (why != null) {
            audit.record(runId, actor, "refused.view", Map.of("purpose", purpose.name(), "why", why));
        }
        return Optional.ofNullable(why);
    }

    private Response onClick(BlockActionRequest request, ActionContext ctx, BiConsumer<Long, Actor> work) {
        BlockActionPayload payload = request.getPayload();
        Actor actor = actor(payload);
        try {
            if (!inbound.firstTime(InboundRequests.key("action", payload.getTriggerId()))) {
                return ctx.ack();
            }
        } catch (RuntimeException e) {
            respondDirectly(ctx, failures.answer(actor, "click", e));
            return ctx.ack();
        }
        long runId = runId(payload);
        if (runs.find(runId).isEmpty()) {
            return noSuchRun(ctx, runId, actor);
        }
        submit(payload.getChannel().getId(), actor, () -> work.accept(runId, actor));
        return ctx.ack();
    }

    /** A click on a button naming a run that does not exist (a forged or stale payload): told, audited, ignored. */
    private Response noSuchRun(ActionContext ctx, long runId, Actor actor) {
        respondDirectly(ctx, noSuchRun(runId, actor));
        return ctx.ack();
    }

    private String noSuchRun(long runId, Actor actor) {
        audit.record(null, actor, "refused.unknown_run", Map.of("run", runId));
        return "There is no run #" + runId + "; nothing was done.";
    }

    /** Straight to the clicker through Slack's response_url, not the outbox: for when the store is away. */
    private void respondDirectly(ActionContext ctx, String text) {
        try {
            executor.execute(() -> {
                try {
                    ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
                } catch (Exception e) {
                    log.warn("could not answer a click through response_url: {}", e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("could not answer a click: the executor is full");
        }
    }

    private void submit(String channel, Actor actor, Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RunRefusedException e) {
                    gateway.ephemeral(channel, actor.id(), CommandReplies.refusal(e));
                } catch (RuntimeException e) {
                    gateway.ephemeral(channel, actor.id(), failures.answer(actor, "click", e));
                }
            });
        } catch (RejectedExecutionException e) {
            gateway.ephemeral(channel, actor.id(), "I am busy right now; click again in a minute.");
        }
    }

    private static String typed(ViewState state, String blockId, String actionId) {
        Map<String, ViewState.Value> block = state.getValues().get(blockId);
        ViewState.Value value = block == null ? null : block.get(actionId);
        return value == null || value.getValue() == null ? "" : value.getValue().strip();
    }

    private static Actor actor(BlockActionPayload payload) {
        String name = payload.getUser().getUsername() != null ? payload.getUser().getUsername() : payload.getUser().getName();
        return new Actor(payload.getUser().getId(), name == null ? payload.getUser().getId() : name);
    }

    private static long runId(BlockActionPayload payload) {
        return runNumber(payload.getActions().get(0).getValue());
    }

    /** The run a button or dialog names: the number its value starts with (the guard let only such values in). */
    private static long runNumber(String value) {
        return Long.parseLong(value.split(":")[0]);
    }
}
