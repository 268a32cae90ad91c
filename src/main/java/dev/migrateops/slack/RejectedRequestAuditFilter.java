package dev.migrateops.slack;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Audits requests Bolt turned away (forged, stale or unsigned: 401; unreadable: 400). It reads only
 * the response status, never the body, which Bolt needs untouched to check the signature.
 */
@Component
public class RejectedRequestAuditFilter extends OncePerRequestFilter {

    private final AuditLog audit;

    public RejectedRequestAuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status == 401 || status == 400) {
            audit.record(null, new Actor("unknown", "unverified request"), status == 401 ? "request.unverified" : "request.unreadable",
                    Map.of("remote", String.valueOf(request.getRemoteAddr()), "status", status,
                            "hasSignature", request.getHeader("X-Slack-Signature") != null));
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }
}
