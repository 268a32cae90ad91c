package dev.migrateops.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.handler.Handler;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.migrateops.audit.Actor;
import com.slack.api.methods.SlackApiException;
import dev.migrateops.audit.AuditLog;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Wraps the listeners of clicks and dialog submissions (Bolt has checked the signature by then): a click or
 * a submission must say who sent it and name a run by a positive number, or it is refused with 400 and
 * audited. Whatever else goes wrong in a listener is answered with an empty acknowledgement (never Bolt's
 * error page), the details logged and audited under a reference. Not a Bolt middleware: adding one makes
 * Bolt call Slack's auth.test while the bot starts, which must not depend on Slack being reachable.
 */
@Component
class InteractionGuard {

    private static final Logger log = LoggerFactory.getLogger(InteractionGuard.class);

    private static final Actor UNKNOWN = new Actor("unknown", "unidentified sender");

    private final AuditLog audit;
    private final InternalFailures failures;

    InteractionGuard(AuditLog audit, InternalFailures failures) {
        this.audit = audit;
        this.failures = failures;
    }

    BlockActionHandler clicks(BlockActionHandler listener) {
        return (req, ctx) -> guarded(req, ctx, listener);
    }

    ViewSubmissionHandler submissions(ViewSubmissionHandler listener) {
        return (req, ctx) -> guarded(req, ctx, listener);
    }

    private <C extends Context, R extends Request<C>> Response guarded(R req, C ctx, Handler<C, R, Response> listener)
            throws IOException, SlackApiException {
        Optional<String> malformed = malformed(req);
        if (malformed.isPresent()) {
            refuse(sender(req), malformed.get());
            return Response.builder().statusCode(400).contentType("text/plain; charset=utf-8")
                    .body("MigrateOps refused this request: " + malformed.get() + ".").build();
        }
        try {
            return listener.apply(req, ctx);
        } catch (RuntimeException e) {
            failures.answer(sender(req).orElse(UNKNOWN), req.getRequestType().name(), e);
            return Response.ok();
        }
    }

    /** What is wrong with a click or a submission, or empty when nothing is. */
    static Optional<String> malformed(Request<?> req) {
        if (req instanceof BlockActionRequest click) {
            BlockActionPayload payload = click.getPayload();
            if (payload.getUser() == null || blank(payload.getUser().getId())) {
                return Optional.of("a click must say who clicked");
            }
            if (payload.getActions() == null || payload.getActions().size() != 1 || payload.getChannel() == null
                    || blank(payload.getChannel().getId())) {
                return Optional.of("a click must name one button in one channel");
            }
            return runNumber(payload.getActions().get(0).getValue()) ? Optional.empty()
                    : Optional.of("a button names a run by its number");
        }
        if (req instanceof ViewSubmissionRequest submission) {
            ViewSubmissionPayload payload = submission.getPayload();
            if (payload.getUser() == null || blank(payload.getUser().getId())) {
                return Optional.of("a dialog must say who submitted it");
            }
            if (payload.getView() == null || payload.getView().getState() == null || blank(payload.getView().getId())) {
                return Optional.of("a submission must carry its dialog");
            }
            return runNumber(payload.getView().getPrivateMetadata()) ? Optional.empty()
                    : Optional.of("a dialog names a run by its number");
        }
        return Optional.empty();
    }

    private void refuse(Optional<Actor> sender, String why) {
        log.warn("refused a malformed request from {}: {}", sender.map(Actor::id).orElse("an unidentified sender"), why);
        try {
            audit.record(null, sender.orElse(UNKNOWN), "refused.payload", Map.of("why", why));
        } catch (RuntimeException e) {
            log.warn("could not audit the refusal: {}", e.getMessage());
        }
    }

    private static Optional<Actor> sender(Request<?> req) {
        if (req instanceof BlockActionRequest click && click.getPayload().getUser() != null) {
            BlockActionPayload.User u = click.getPayload().getUser();
            return actor(u.getId(), u.getUsername());
        }
        if (req instanceof ViewSubmissionRequest submission && submission.getPayload().getUser() != null) {
            ViewSubmissionPayload.User u = submission.getPayload().getUser();
            return actor(u.getId(), u.getUsername());
        }
        return Optional.empty();
    }

    private static Optional<Actor> actor(String id, String name) {
        return blank(id) ? Optional.empty() : Optional.of(new Actor(id, blank(name) ? id : name));
    }

    /**
     * Runs are numbered from 1; a number too long for a run id is not one. A blocker's button and dialog add the
     * session (pid and start) and how to end it after the run's number.
     */
    private static boolean runNumber(String value) {
        return value != null && value.matches("[1-9][0-9]{0,17}(?::[0-9]{1,10}:[0-9]{1,20}(?::(?:CANCEL|TERMINATE))?)?");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
