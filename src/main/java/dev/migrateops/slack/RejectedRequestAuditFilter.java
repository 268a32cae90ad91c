package dev.migrateops.slack;

import dev.migrateops.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Turns away what must not reach Bolt — bodies over {@value #MAX_BODY_BYTES} bytes, announced or chunked (413),
 * timestamps more than five minutes in the future (401) — and audits those and the requests Bolt turned away (forged,
 * stale or unsigned: 401; unreadable: 400), counted per source and minute ({@link RejectedRequests}). The body it reads
 * reaches Bolt byte for byte, for the signature check.
 */
@Component
public class RejectedRequestAuditFilter extends OncePerRequestFilter implements org.springframework.beans.factory.DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequestAuditFilter.class);

    /** Slack's payloads are a few KB; a modal submission stays well under this. */
    static final long MAX_BODY_BYTES = 256 * 1024;
    static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);

    private final RejectedRequests rejected;
    private final Clock clock;
    private final java.util.concurrent.ScheduledExecutorService flusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
                Thread thread = new Thread(r, "migrateops-rejected-requests");
                thread.setDaemon(true);
                return thread;
            });

    public RejectedRequestAuditFilter(AuditLog audit, Clock clock) {
        this.rejected = new RejectedRequests(audit);
        this.clock = clock;
        flusher.scheduleWithFixedDelay(rejected::flush, 1, 1, java.util.concurrent.TimeUnit.MINUTES);
    }

    /** Audits what was counted and not yet written. */
    public void flush() {
        rejected.flush();
    }

    @Override
    public void destroy() {
        flusher.shutdownNow();
        rejected.flush();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        java.util.Optional<BoundedBodyRequest> bounded = request.getContentLengthLong() > MAX_BODY_BYTES ? java.util.Optional.empty()
                : BoundedBodyRequest.read(request, MAX_BODY_BYTES);
        if (bounded.isEmpty()) {
            refuse(request, response, 413, "request.too_large");
            return;
        }
        if (fromTheFuture(request.getHeader("X-Slack-Request-Timestamp"))) {
            // Bolt refuses stale timestamps only; a future one would let a captured request be replayed later
            refuse(request, response, 401, "request.from_the_future");
            return;
        }
        // Bolt's answer is held back until it is read: a signed request that no listener takes (a click naming no button)
        // gets Bolt's 404, which is a malformed request to Slack and to the audit trail
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(bounded.get(), answer);
        } catch (RuntimeException | ServletException e) {
            // Bolt parses the payload before anything else: one that is not JSON ends here, not on an error page
            if (response.isCommitted()) {
                throw e;
            }
            log.warn("refused an unreadable Slack request from {}: {}", request.getRemoteAddr(), e.getMessage());
            answer.resetBuffer();
            answer.setStatus(400);
        }
        if (answer.getStatus() == 404) {
            answer.resetBuffer();
            answer.setStatus(400);
            answer.setContentType("text/plain; charset=utf-8");
            answer.getWriter().write("MigrateOps refused this request: it names nothing MigrateOps handles.");
            answer.getWriter().flush();
            rejected.record("request.unrouted", String.valueOf(request.getRemoteAddr()), 400, Map.of());
            answer.copyBodyToResponse();
            return;
        }
        answer.copyBodyToResponse();
        int status = answer.getStatus();
        if (status == 401 || status == 400) {
            rejected.record(status == 401 ? "request.unverified" : "request.unreadable", String.valueOf(request.getRemoteAddr()), status,
                    Map.of("hasSignature", request.getHeader("X-Slack-Signature") != null));
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/slack/");
    }

    private boolean fromTheFuture(String timestamp) {
        try {
            return timestamp != null && Long.parseLong(timestamp.strip()) > clock.instant().plus(ALLOWED_SKEW).getEpochSecond();
        } catch (NumberFormatException e) {
            return false; // Bolt refuses it
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String action) throws IOException {
        response.sendError(status);
        rejected.record(action, String.valueOf(request.getRemoteAddr()), status, Map.of("bytes", request.getContentLengthLong()));
    }
}
