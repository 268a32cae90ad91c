package dev.migrateops.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/** Says plainly in the log that this is sandbox mode, and where to go. */
class SandboxAnnouncement {

    private static final Logger log = LoggerFactory.getLogger(SandboxAnnouncement.class);

    private final SandboxProperties sandbox;
    private final Environment environment;
    private final SandboxPostgres postgres;

    SandboxAnnouncement(SandboxProperties sandbox, Environment environment, SandboxPostgres postgres) {
        this.sandbox = sandbox;
        this.environment = environment;
        this.postgres = postgres;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.warn("""

                ==================================================================================
                 SANDBOX MODE: no SLACK_BOT_TOKEN is set, so MigrateOps talks to a local Slack
                 stand-in instead of Slack. Nothing leaves this machine.
                   Open   http://localhost:{}/sandbox
                   Users  {}
                   Demo targets staging and production ({}), loaded from migrations/demo.
                   Status updates every {}.
                 To connect a real workspace, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (README).
                ==================================================================================""",
                port, sandbox.users().stream().map(u -> u.name() + " (" + u.role() + ")").toList(),
                postgres.embedded() ? "embedded PostgreSQL on port " + sandbox.embeddedPort() : "on the configured datasource's server",
                environment.getProperty("migrateops.cadence.interval"));
    }
}
