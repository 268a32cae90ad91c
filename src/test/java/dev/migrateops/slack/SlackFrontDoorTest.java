package dev.migrateops.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.audit.AuditEvent;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunRepository;
import dev.migrateops.run.RunState;
import dev.migrateops.support.FakeSlackApi;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.SignedSlackRequests;
import dev.migrateops.support.SignedSlackRequests.User;
import dev.migrateops.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bot as Slack sees it: signed HTTP requests into /slack/events, every answer read back from the
 * fake Slack Web API, the targets and the bot's store in real PostgreSQL. Each scenario has a target
 * of its own, so the scenarios do not depend on each other's order.
 */
// metrics are exported as in production (Spring Boot leaves them out of tests unless asked)
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackFrontDoorTest {

    static final String SECRET = "test-signing-secret";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final FakeSlackApi SLACK = new FakeSlackApi();
    static final PostgresServer SERVER = PostgresServer.get();
    static final TestDatabase STORE = SERVER.createDatabase("bot_store");
    /** One target per scenario, each a fresh database with the demo shop, so scenarios never share state. */
    static final Map<String, TestDatabase> TARGETS = List.of("staging", "qa", "uat", "production", "ops", "recovery",
                    "twokey", "slow", "rollme", "edited", "orphans", "restoreme", "rehearse", "adhoc", "restorepick", "linted", "watched", "metered",
                    "blocked", "glass", "hostile").stream()
            .collect(java.util.stream.Collectors.toMap(name -> name, name -> unanalysed(SERVER.createDatabase("t_" + name).withDemoShop())));

    /** Autovacuum would analyse the tables some time into the run, and lint weighs a table by its measured size. */
    static TestDatabase unanalysed(TestDatabase db) {
        db.execute("ALTER TABLE product_sales SET (autovacuum_enabled = false)");
        return db;
    }
    static final String NEVER_SHOWN = "hunter2-never-shown";
    static final java.nio.file.Path SLOW_MIGRATIONS = copyOfExamples("slow");
    static final java.nio.file.Path EDITED_MIGRATIONS = copyOfExamples("edited");
    static final java.nio.file.Path REHEARSE_MIGRATIONS = copyOfExamples("rehearse");
    static final java.nio.file.Path LINTED_MIGRATIONS = copyOfExamples("linted");
    static final java.nio.file.Path HOSTILE_MIGRATIONS = copyOfExamples("hostile");
    /** Targets that keep the default, backup: required. */
    static final java.util.Set<String> WITH_BACKUPS = java.util.Set.of("restoreme", "rehearse", "adhoc", "restorepick");

    /** A role that may log in and read the target's tables, read-only by default: a target's check credential. */
    static String readOnlyRole(TestDatabase db) {
        String role = "mo_checker_" + db.name();
        db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE " + role
                + " LOGIN PASSWORD '" + NEVER_SHOWN + "'; END IF; END $$; ALTER ROLE " + role + " SET default_transaction_read_only = on;"
                + " GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
        return role;
    }

    /** A migrations directory of the target's own: the examples, plus what the scenario adds or edits. */
    static java.nio.file.Path copyOfExamples(String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "migrations-" + name
                    + "-" + java.util.UUID.randomUUID()));
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of("migrations"))) {
                for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                    java.nio.file.Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            return dir;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final User ALICE = new User("U0ALICE", "alice");
    static final User BOB = new User("U0BOB", "bob");
    static final User CAROL = new User("U0CAROL", "carol");
    static final User MALLORY = new User("U0MALLORY", "mallory");
    /** A workspace member with push access to a branch, and nothing else. */
    static final User EVE = new User("U0EVE", "eve");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        SLACK.userGroup("S0DBA", List.of(CAROL.id()));
        registry.add("spring.datasource.url", STORE::jdbcUrl);
        registry.add("spring.datasource.username", SERVER::user);
        registry.add("spring.datasource.password", () -> SERVER.password() == null ? "" : SERVER.password());
        registry.add("migrateops.slack.bot-token", () -> "xoxb-test");
        registry.add("migrateops.slack.signing-secret", () -> SECRET);
        registry.add("migrateops.slack.api-base-url", SLACK::apiBaseUrl);
        TARGETS.forEach((name, db) -> {
            String p = "migrateops.targets." + name + ".";
            registry.add(p + "jdbc-url", db::jdbcUrl);
            registry.add(p + "username", SERVER::user);
            registry.add(p + "password", () -> SERVER.password() == null ? "" : SERVER.password());
            registry.add(p + "migrations-dir", () -> "migrations");
            registry.add(p + "incident-channel", () -> channel(name));
            registry.add(p + "approvals-required", () -> "1");
            registry.add(p + "approvers[0]", BOB::id);
            registry.add(p + "approvers[1]", () -> "S0DBA");
            if (!WITH_BACKUPS.contains(name)) {
                registry.add(p + "backup", () -> "off");
            }
        });
        registry.add("migrateops.targets.production.requires-applied-on", () -> "uat");
        // previews of .check.sql before approval read as a role that may only read
        registry.add("migrateops.targets.orphans.check-username", () -> readOnlyRole(TARGETS.get("orphans")));
        registry.add("migrateops.targets.orphans.check-password", () -> NEVER_SHOWN);
        registry.add("migrateops.targets.twokey.approvals-required", () -> "2");
        registry.add("migrateops.targets.slow.migrations-dir", SLOW_MIGRATIONS::toString);
        registry.add("migrateops.targets.edited.migrations-dir", EDITED_MIGRATIONS::toString);
        registry.add("migrateops.targets.rehearse.migrations-dir", REHEARSE_MIGRATIONS::toString);
        registry.add("migrateops.targets.linted.migrations-dir", LINTED_MIGRATIONS::toString);
        registry.add("migrateops.targets.hostile.migrations-dir", HOSTILE_MIGRATIONS::toString);
        registry.add("migrateops.backup.dir", () -> java.nio.file.Path.of("target", "backups-" + java.util.UUID.randomUUID()).toString());
        // trust authentication ignores it, so it can stand for a real secret that must never be shown
        registry.add("migrateops.targets.rollme.password", () -> NEVER_SHOWN);
        registry.add("migrateops.targets.adhoc.password", () -> NEVER_SHOWN);
        registry.add("migrateops.backup.keep-last", () -> "2");
        // runs complete right after verification, except on the one target whose window is tested
        registry.add("migrateops.monitoring.window", () -> "0s");
        registry.add("migrateops.targets.watched.monitoring-window", () -> "1h");
    }

    static String channel(String target) {
        return "C0" + target.toUpperCase();
    }

    @AfterAll
    void stopTheBotsWorkThenDropItsDatabases(@Autowired dev.migrateops.slack.outbox.OutboxSender sender,
                                             @Autowired dev.migrateops.engine.TargetRegistry registry) {
        sender.stop();
        registry.close();
        SLACK.close();
        TARGETS.values().forEach(TestDatabase::close);
        STORE.execute("DROP ROLE IF EXISTS mo_checker_" + TARGETS.get("orphans").name());
        STORE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    RunRepository runs;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    dev.migrateops.slack.RejectedRequestAuditFilter rejectedRequests;
    @Autowired
    dev.migrateops.run.RunRecovery recovery;
    @Autowired
    dev.migrateops.slack.outbox.SlackCards cards;

    private String cardTs(long runId) {
        return cards.ts(runId).orElse(null);
    }

    SignedSlackRequests slack;

    @BeforeEach
    void signedClient() {
        slack = new SignedSlackRequests(URI.create("http://127.0.0.1:" + port + "/slack/events"), SECRET, SLACK);
    }

    private MigrationRun awaitActiveRun(String target) {
        return SLACK.await(() -> runs.activeOn(target), WAIT);
    }

    private MigrationRun awaitState(long runId, RunState state) {
        return SLACK.await(() -> Optional.of(runs.get(runId)).filter(r -> r.state() == state), WAIT);
    }

    private FakeSlackApi.Call awaitCall(String method, String channel, String containing) {
        return SLACK.await(() -> SLACK.delivered(method, c -> channel.equals(c.param("channel"))
                && (c.params().getOrDefault("text", "") + c.params().getOrDefault("blocks", "")).contains(containing))
                .stream().reduce((a, b) -> b), WAIT);
    }

    /** The ephemeral message only {@code user} sees, once it has been delivered. */
    private FakeSlackApi.Call awaitEphemeral(User user, String containing) {
        return SLACK.await(() -> SLACK.delivered("chat.postEphemeral", c -> user.id().equals(c.param("user"))
                && c.param("text").contains(containing)).stream().findFirst(), WAIT);
    }

    private String awaitResponse(String containing) {
        return SLACK.await(() -> SLACK.responses().stream().filter(r -> r.contains(containing)).findFirst(), WAIT);
    }

    /** Alice requests, Bob approves, the run completes: the start of every rollback scenario. */
    private MigrationRun completedRun(String target, String arguments) {
        slack.slashCommand(ALICE, "C0CMD", ("apply " + target + " " + arguments).strip());
        MigrationRun run = awaitActiveRun(target);
        slack.click(BOB, channel(target), "run_approve", String.valueOf(run.id()));
        return awaitState(run.id(), RunState.COMPLETED);
    }

    /** What the ack said, decoded from its JSON body. */
    private static String ackText(HttpResponse<String> ack) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(ack.body()).path("text").asText();
        } catch (Exception e) {
            throw new AssertionError("ack is not JSON: " + ack.body(), e);
        }
    }

    private void awaitOutboxDrained() {
        SLACK.await(() -> Optional.of(0L).filter(z -> jdbc.sql("SELECT count(*) FROM slack_outbox WHERE status = 'PENDING'")
                .query(Long.class).single() == 0), WAIT);
    }

    private List<String> actions(long runId) {
        return audit.forRun(runId).stream().map(AuditEvent::action).toList();
    }

    @Test
    void anEngineerRequestsAnApproverApprovesAndTheCardEndsCompleted() {
        HttpResponse<String> ack = slack.slashCommand(ALICE, "C0CMD", "apply staging add tenant indexes");
        assertThat(ack.statusCode()).isEqualTo(200);

        FakeSlackApi.Call card = awaitCall("chat.postMessage", channel("staging"), "AWAITING APPROVAL (0 of 1)");
        assertThat(card.param("blocks")).contains("run_approve", "run_reject", "run_cancel", "20251206090000",
                "add tenant indexes", "@U0ALICE");
        MigrationRun run = awaitActiveRun("staging");
        awaitResponse("Run #" + run.id() + " requested on staging");

        assertThat(slack.click(BOB, channel("staging"), "run_approve", String.valueOf(run.id())).statusCode()).isEqualTo(200);

        awaitState(run.id(), RunState.COMPLETED);
        FakeSlackApi.Call done = awaitCall("chat.update", channel("staging"), "COMPLETED");
        assertThat(done.param("ts")).isEqualTo(cardTs(run.id()));
        assertThat(done.param("blocks")).contains("run_rollback").doesNotContain("run_approve");
        awaitCall("chat.postMessage", channel("staging"), "Completed");
        List<String> thread = FakeSlackApi.texts(SLACK.delivered("chat.postMessage",
                c -> cardTs(run.id()).equals(c.param("thread_ts"))));
        assertThat(thread).anyMatch(t -> t.contains("Pre-checks passed"))
                .anyMatch(t -> t.startsWith("▶️ Applying 20251206090000"))
                .anyMatch(t -> t.contains("Applied 20251206094000"))
                .anyMatch(t -> t.contains("Completed"));
        assertThat(TARGETS.get("staging").column("SELECT run_id FROM migrateops.schema_history")).hasSize(5)
                .containsOnly(String.valueOf(run.id()));
        assertThat(actions(run.id())).containsSubsequence("run.requested", "run.approval", "run.approved", "step.prechecks",
                "backup.off", "step.applying", "statement.executed", "step.verifying", "verify.result", "run.completed");
        assertThat(audit.forRun(run.id())).filteredOn(e -> e.action().equals("run.approval"))
                .singleElement().satisfies(e -> assertThat(e.actor().id()).isEqualTo(BOB.id()));
        assertThat(audit.forRun(run.id())).filteredOn(e -> e.action().equals("run.requested"))
                .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo(new dev.migrateops.audit.Actor("U0ALICE", "alice")));

        FakeSlackApi.Call report = awaitCall("chat.postMessage", channel("staging"), "*Completion report — staging run #" + run.id());
        assertThat(report.param("thread_ts")).isEqualTo(cardTs(run.id()));
        assertThat(report.param("text")).contains("Requested by <@U0ALICE> — \"add tenant indexes\" · approved by <@U0BOB>",
                "• pre-checks — ", "• backup — ", "• applying — ", "• verifying — ",
                "• `20251206094000` product_sales_amount_numeric · sha256 `", "*Backup*: none",
                "*Verification*: passed; rows before → after: public.product_sales: 10000 → 10000",
                "*Alerts during monitoring*: none", "*Outcome*: completed");
        slack.slashCommand(BOB, "C0CMD", "report " + run.id());
        awaitResponse("Completion report — staging run #" + run.id());
    }

    @Test
    void selfApprovalAndNonApproversAreRefusedWithAReasonAndAnAuditEvent() {
        slack.slashCommand(ALICE, "C0CMD", "apply qa");
        MigrationRun run = awaitActiveRun("qa");
        String id = String.valueOf(run.id());

        slack.click(ALICE, channel("qa"), "run_approve", id);
        FakeSlackApi.Call self = awaitEphemeral(ALICE, "you requested this run");
        assertThat(self.param("channel")).isEqualTo(channel("qa"));
        slack.click(MALLORY, channel("qa"), "run_approve", id);
        awaitEphemeral(MALLORY, "you are not an approver of qa\nAsk <@U0BOB>, <!subteam^S0DBA>.");

        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.REQUESTED);
        assertThat(runs.approvals(run.id(), dev.migrateops.run.Approval.Purpose.APPLY)).isEmpty();
        assertThat(audit.forRun(run.id())).filteredOn(e -> e.action().equals("refused.approve"))
                .extracting(e -> e.actor().id()).containsExactlyInAnyOrder(ALICE.id(), MALLORY.id());

        // an approver from the user group rejects, with a reason asked in a modal
        slack.click(CAROL, channel("qa"), "run_reject", id);
        FakeSlackApi.Call modal = SLACK.await(() -> SLACK.delivered("views.open", c -> c.param("view").contains("reject_reason"))
                .stream().findFirst(), WAIT);
        assertThat(modal.param("view")).contains("reject_reason", "\"private_metadata\":\"" + id + "\"");
        // a submission from someone the dialog was not opened for is refused in the dialog, and audited
        assertThat(slack.submitRejectReason(MALLORY, run.id(), "rejected by someone else").body())
                .contains("not one MigrateOps opened for you");
        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.REQUESTED);
        assertThat(slack.submitRejectReason(CAROL, run.id(), "needs a down file first").statusCode()).isEqualTo(200);
        awaitState(run.id(), RunState.REJECTED);
        awaitCall("chat.update", channel("qa"), "REJECTED");
        assertThat(runs.get(run.id()).outcome()).isEqualTo("rejected by carol: needs a down file first");
        // the same submission again answers nothing: the dialog was used
        assertThat(slack.submitRejectReason(CAROL, run.id(), "needs a down file first").body()).contains("answered already");
        assertThat(actions(run.id())).contains("refused.view");
    }

    @Test
    void anEarlyProductionCardIsRefusedUntilUpstreamHasTheSameChecksumsThenApprovableWithoutANewRequest() {
        slack.slashCommand(ALICE, "C0CMD", "apply production --to 20251206091000 before the launch");
        MigrationRun prod = awaitActiveRun("production");
        FakeSlackApi.Call card = awaitCall("chat.postMessage", channel("production"), "AWAITING APPROVAL");
        assertThat(card.param("blocks")).contains("Not ready: 20251206090000 product_sales_indexes is not applied on uat");

        slack.click(BOB, channel("production"), "run_approve", String.valueOf(prod.id()));
        awaitEphemeral(BOB, "only takes migrations already applied on uat");
        assertThat(runs.get(prod.id()).state()).isEqualTo(RunState.REQUESTED);

        slack.slashCommand(ALICE, "C0CMD", "apply uat --to 20251206091000");
        MigrationRun uat = awaitActiveRun("uat");
        slack.click(BOB, channel("uat"), "run_approve", String.valueOf(uat.id()));
        awaitState(uat.id(), RunState.COMPLETED);

        // the same card, requested before uat was done: readiness is read again at the vote
        slack.click(BOB, channel("production"), "run_approve", String.valueOf(prod.id()));
        MigrationRun ready = awaitState(prod.id(), RunState.COMPLETED);
        assertThat(ready.plan().missingUpstream()).isEmpty();
        assertThat(TARGETS.get("production").column("SELECT version FROM migrateops.schema_history ORDER BY 1"))
                .containsExactly("20251206090000", "20251206091000");
    }

    @Test
    void whileTheStoreIsAwayHelpStillAnswersAndARequestIsToldNothingWasDone() throws Exception {
        try {
            STORE.acceptConnections(false);
            assertThat(ackText(slack.slashCommand(ALICE, "C0CMD", "help"))).contains("/migrate apply &lt;target&gt;");
            assertThat(ackText(slack.slashCommand(ALICE, "C0CMD", "deploy staging"))).contains("I don't know `deploy`");
            assertThat(ackText(slack.slashCommand(ALICE, "C0CMD", "status")))
                    .isEqualTo("MigrateOps cannot reach its database right now; nothing was done. Try again in a minute.");
        } finally {
            STORE.acceptConnections(true);
        }
        // and once it is back, requests are acted on again
        SLACK.await(() -> Optional.of(ackText(slack.slashCommand(ALICE, "C0CMD", "plan staging")))
                .filter(ack -> !ack.contains("cannot reach its database")), WAIT);
        awaitResponse("*Plan for staging*");
    }

    /** A stranger's branch, planned and requested in Slack: nothing of it runs before approval, and the card says so. */
    @Test
    void aPlanAndACardOfHostileMigrationsTouchNothingAndSayTheyWereNotTraced() throws Exception {
        java.nio.file.Path marker = HOSTILE_MIGRATIONS.resolve("shell-was-here").toAbsolutePath();
        TARGETS.get("hostile").execute("CREATE EXTENSION IF NOT EXISTS dblink");
        java.nio.file.Files.writeString(HOSTILE_MIGRATIONS.resolve("20251206095000_innocent.sql"), "DO $$ BEGIN EXECUTE 'CO' || "
                + "'PY (SELECT 1) TO PRO' || 'GRAM ' || quote_literal('touch " + marker + "'); END $$;\n");
        java.nio.file.Files.writeString(HOSTILE_MIGRATIONS.resolve("20251206095000_innocent.check.sql"), "SELECT dblink_exec('dbname="
                + TARGETS.get("hostile").name() + " user=" + SERVER.user() + "', 'CREATE TABLE pwned (id int)');\n");

        slack.slashCommand(EVE, "C0CMD", "plan hostile");
        assertThat(awaitResponse("*Plan for hostile*")).contains("20251206095000 was not traced").doesNotContain("trace on a schema copy: 6");
        slack.slashCommand(EVE, "C0CMD", "apply hostile");
        MigrationRun run = awaitActiveRun("hostile");

        assertThat(run.plan().preChecks()).filteredOn(c -> c.name().equals("20251206095000.check.sql")).singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("runs after approval"));
        assertThat(marker).doesNotExist();
        assertThat(TARGETS.get("hostile").column("SELECT relname FROM pg_class WHERE relname = 'pwned'")).isEmpty();
        awaitCall("chat.postMessage", channel("hostile"), "AWAITING APPROVAL");
    }

    @Test
    void aBreakGlassRunOfTheCommandLineIsToldInItsIncidentChannelOnce() {
        slack.slashCommand(ALICE, "C0CMD", "apply glass");
        MigrationRun run = awaitActiveRun("glass");
        // what the command line writes to the store for `apply glass --break-glass "…"` (it has no Slack to tell)
        audit.record(run.id(), new dev.migrateops.audit.Actor("cli:ops@bastion", "ops@bastion (command line)"), "run.break_glass",
                Map.of("reason", "Slack is down, INC-4711", "approvalsRequired", 1));

        FakeSlackApi.Call told = awaitCall("chat.postMessage", channel("glass"), "Break-glass on the command line");

        assertThat(told.param("text")).contains("ops@bastion (command line)", "run #" + run.id(), "Slack is down, INC-4711");
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(16)).atMost(Duration.ofSeconds(20)).until(() ->
                SLACK.delivered("chat.postMessage", c -> c.param("text").contains("Break-glass on the command line")).size() == 1);
    }

    @Test
    void forgedStaleOrUnsignedRequestsGet401AndChangeNothing() {
        String body = slack.slashCommandBody(MALLORY, "C0CMD", "apply ops", "trigger-forged");
        long now = Instant.now().getEpochSecond();
        long stale = now - 6 * 60;
        long before = jdbc.sql("SELECT count(*) FROM runs").query(Long.class).single();

        assertThat(slack.sendRaw(body, null, null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(slack.sendRaw(body, String.valueOf(now), SignedSlackRequests.sign("wrong-secret", now, body), Map.of())
                .statusCode()).isEqualTo(401);
        assertThat(slack.sendRaw(body, String.valueOf(stale), SignedSlackRequests.sign(SECRET, stale, body), Map.of())
                .statusCode()).isEqualTo(401);
        assertThat(slack.sendRaw(body + "&text=apply+staging", String.valueOf(now), SignedSlackRequests.sign(SECRET, now, body),
                Map.of()).statusCode()).isEqualTo(401);
        long future = now + 6 * 60;
        assertThat(slack.sendRaw(body, String.valueOf(future), SignedSlackRequests.sign(SECRET, future, body), Map.of())
                .statusCode()).isEqualTo(401);
        String huge = body + "&text=" + "x".repeat(300 * 1024);
        assertThat(slack.sendRaw(huge, String.valueOf(now), SignedSlackRequests.sign(SECRET, now, huge), Map.of())
                .statusCode()).isEqualTo(413);
        assertThat(slack.sendChunked(huge).statusCode()).as("a chunked body says no length").isEqualTo(413);
        assertThat(slack.sendChunked(slack.slashCommandBody(ALICE, "C0CMD", "help", "trigger-chunked")).statusCode())
                .as("a chunked body within the bound is read as sent").isEqualTo(200);
        rejectedRequests.flush();

        assertThat(jdbc.sql("SELECT count(*) FROM runs").query(Long.class).single()).isEqualTo(before);
        // counted per source, not one row each: a flood cannot fill the audit trail
        assertThat(jdbc.sql("SELECT sum((details->>'count')::bigint) FROM audit_events WHERE action = 'request.unverified'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'request.unverified'").query(Long.class).single())
                .isLessThan(jdbc.sql("SELECT sum((details->>'count')::bigint) FROM audit_events WHERE action = 'request.unverified'")
                        .query(Long.class).single());
        assertThat(jdbc.sql("SELECT count(*) FROM runs WHERE requester_id = ?").param(MALLORY.id()).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT action FROM audit_events WHERE action IN ('request.from_the_future', 'request.too_large')")
                .query(String.class).list()).contains("request.from_the_future", "request.too_large");
    }

    /**
     * Signed requests an attacker or a broken client could send: each gets a clear answer (an HTTP status
     * that says so, or an ephemeral refusal), changes nothing, and never shows the bot's internals.
     */
    @Test
    void hostileAndMalformedRequestsAreRefusedWithoutA500AndWithoutTheBotsInternals() {
        awaitOutboxDrained();
        String runsBefore = jdbc.sql("SELECT coalesce(string_agg(id || state, ',' ORDER BY id), '') FROM runs").query(String.class).single();
        int callsBefore = SLACK.calls().size();
        int responsesBefore = SLACK.responses().size();
        List<String> payloads = new java.util.ArrayList<>(List.of("not json", "{}", "[]", "null", "{\"type\":\"block_actions\"}",
                "{\"type\":\"view_submission\"}",
                slack.clickPayload(MALLORY, "C0OPS", "run_approve", "-1"),
                slack.clickPayload(MALLORY, "C0OPS", "run_approve", "abc"),
                slack.clickPayload(MALLORY, "C0OPS", "run_cancel", "99999999999999999999"),
                slack.clickPayload(MALLORY, "C0OPS", "run_rollback", "987654"),
                slack.clickPayload(MALLORY, "C0OPS", "run_reject", ""),
                slack.clickPayload(MALLORY, "C0OPS", "run_approve", "1").replace("\"user\":{\"id\":\"U0MALLORY\",", "\"user\":{"),
                slack.clickPayload(MALLORY, "C0OPS", "run_approve", "1").replaceAll(",\"actions\":\\[.*\\]", ""),
                slack.dialogPayload(MALLORY, "restore_confirm", "abc", "target_name", "target_name_input", "ops"),
                slack.dialogPayload(MALLORY, "restore_confirm", "-7", "target_name", "target_name_input", "ops"),
                slack.dialogPayload(MALLORY, "reject_reason", "987654", "reason", "reason_input", "x\\u0000y")));
        // and mutations of a click: cut short, or a character changed, at random places (seeded, so a failure repeats)
        java.util.Random random = new java.util.Random(20261203);
        String click = slack.clickPayload(MALLORY, "C0OPS", "run_approve", "987654");
        for (int i = 0; i < 60; i++) {
            int at = random.nextInt(click.length());
            payloads.add(i % 2 == 0 ? click.substring(0, at)
                    : click.substring(0, at) + "\"{}[]:,\\0-9a\u0000\u202e".charAt(random.nextInt(14)) + click.substring(at + 1));
        }
        for (String payload : payloads) {
            HttpResponse<String> answer = slack.sendPayload(payload);
            assertThat(answer.statusCode()).as(payload).isIn(200, 400);
            assertThat(answer.body()).as(payload).doesNotContainPattern(INTERNALS);
        }
        for (String text : List.of("apply ops \u0000", "status #-1", "status 99999999999999999999", "audit abc", "\u202eapply ops",
                "apply ops --to", "apply " + "x".repeat(5000), "rollback 987654 because")) {
            HttpResponse<String> answer = slack.slashCommand(MALLORY, "C0CMD", text);
            assertThat(answer.statusCode()).as(text).isEqualTo(200);
            assertThat(answer.body()).as(text).doesNotContainPattern(INTERNALS);
        }

        awaitOutboxDrained();
        assertThat(jdbc.sql("SELECT coalesce(string_agg(id || state, ',' ORDER BY id), '') FROM runs").query(String.class).single())
                .isEqualTo(runsBefore);
        List<String> told = new java.util.ArrayList<>(SLACK.responses().subList(responsesBefore, SLACK.responses().size()));
        SLACK.calls().subList(callsBefore, SLACK.calls().size()).forEach(call -> told.add(call.params().toString()));
        assertThat(told).isNotEmpty().allSatisfy(answer -> assertThat(answer).doesNotContainPattern(INTERNALS));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE actor_id = ? AND action LIKE 'refused.%'")
                .param(MALLORY.id()).query(Long.class).single()).isPositive();
        // the store cannot keep a NUL character: the refused command is audited with it escaped, not lost
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE actor_id = ? AND strpos(details::text, 'apply ops \\\\u0000') > 0")
                .param(MALLORY.id()).query(Long.class).single()).isPositive();
    }

    @Test
    void aSignedClickThatNamesNoButtonIsRefusedWith400AndAudited(@Autowired RejectedRequestAuditFilter filter) {
        filter.flush();
        long before = jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'request.unrouted'").query(Long.class).single();

        HttpResponse<String> answer = slack.sendPayload(slack.clickPayload(MALLORY, "C0OPS", "run_approve", "1")
                .replaceAll("\"actions\":\\[.*\\]", "\"actions\":[]"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("MigrateOps refused this request: it names nothing MigrateOps handles.");
        filter.flush();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'request.unrouted'").query(Long.class).single())
                .isEqualTo(before + 1);
    }

    /** What must never reach Slack: SQL, Java class names, stack frames. */
    private static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "(?i)\\bSQL\\b|Exception|PreparedStatement|\\bat (dev|org|java|com)\\.|\\b(dev\\.migrateops|org\\.springframework|java\\.lang)\\.");

    @Test
    void slackAnswering429ThenOkDeliversTheCardExactlyOnce() {
        awaitOutboxDrained();
        SLACK.failNext("chat.postMessage", channel("ops"), 429, "1");
        slack.slashCommand(ALICE, "C0CMD", "apply ops rate limit drill");
        MigrationRun run = awaitActiveRun("ops");
        awaitCall("chat.postMessage", channel("ops"), "rate limit drill");

        List<FakeSlackApi.Call> attempts = SLACK.calls("chat.postMessage").stream()
                .filter(c -> channel("ops").equals(c.param("channel")) && c.params().getOrDefault("blocks", "").contains("rate limit drill"))
                .toList();
        assertThat(attempts).extracting(FakeSlackApi.Call::status).containsExactly(429, 200);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        slack.click(ALICE, channel("ops"), "run_cancel", String.valueOf(run.id()));
        awaitState(run.id(), RunState.CANCELLED);
    }

    @Test
    void aCardWhosePostingAnswerWasLostIsFoundInTheChannelNotPostedAgain() {
        awaitOutboxDrained();
        SLACK.loseNextAnswer("chat.postMessage", channel("ops"));
        slack.slashCommand(ALICE, "C0CMD", "apply ops answer lost drill");
        MigrationRun run = awaitActiveRun("ops");

        // the bot learns the card's ts from the channel, and its thread hangs on that one card
        String ts = SLACK.await(() -> Optional.ofNullable(cardTs(run.id())), WAIT);
        slack.click(ALICE, channel("ops"), "run_cancel", String.valueOf(run.id()));
        awaitState(run.id(), RunState.CANCELLED);
        assertThat(SLACK.history(channel("ops"))).filteredOn(m -> m.contains("\"run_id\":\"" + run.id() + "\""))
                .singleElement().asString().contains(ts);
        SLACK.await(() -> SLACK.delivered("chat.postMessage", c -> ts.equals(c.param("thread_ts"))
                && c.params().getOrDefault("text", "").contains("Cancelled by alice")).stream().findFirst(), WAIT);
    }

    @Test
    void aThreadReplyWhosePostingAnswerWasLostIsFoundInItsThreadNotPostedAgain() {
        awaitOutboxDrained();
        slack.slashCommand(ALICE, "C0CMD", "apply ops reply lost drill");
        MigrationRun run = awaitActiveRun("ops");
        String ts = SLACK.await(() -> Optional.ofNullable(cardTs(run.id())), WAIT);
        awaitOutboxDrained();
        SLACK.loseNextAnswer("chat.postMessage", channel("ops"));

        slack.click(ALICE, channel("ops"), "run_cancel", String.valueOf(run.id()));
        awaitState(run.id(), RunState.CANCELLED);
        awaitOutboxDrained();

        List<FakeSlackApi.Call> replies = SLACK.calls("chat.postMessage").stream().filter(c -> ts.equals(c.param("thread_ts"))).toList();
        assertThat(replies).extracting(FakeSlackApi.Call::status).contains(500);
        assertThat(FakeSlackApi.texts(replies)).doesNotHaveDuplicates();
        assertThat(SLACK.calls("conversations.replies")).anyMatch(c -> ts.equals(c.param("ts")));
    }

    @Test
    void theSameSlashCommandRetriedBySlackMakesOneRun() {
        String body = slack.slashCommandBody(ALICE, "C0CMD", "apply ops retried", "trigger-retried-once");
        assertThat(slack.send(body, Map.of()).statusCode()).isEqualTo(200);
        assertThat(slack.send(body, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")).statusCode())
                .isEqualTo(200);

        MigrationRun run = awaitActiveRun("ops");
        awaitResponse("Run #" + run.id() + " requested on ops");
        assertThat(jdbc.sql("SELECT count(*) FROM runs WHERE reason = 'retried'").query(Long.class).single()).isEqualTo(1);
        slack.click(ALICE, channel("ops"), "run_cancel", String.valueOf(run.id()));
        awaitState(run.id(), RunState.CANCELLED);
    }

    @Test
    void twoConcurrentAppliesOnOneTargetMakeOneRunAndTheSecondRequesterIsToldWhy() {
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> slack.slashCommand(ALICE, "C0CMD", "apply ops race one"));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(
                () -> slack.slashCommand(CAROL, "C0CMD", "apply ops race two"));
        assertThat(first.join().statusCode()).isEqualTo(200);
        assertThat(second.join().statusCode()).isEqualTo(200);

        MigrationRun run = awaitActiveRun("ops");
        awaitResponse("ops already has run #" + run.id());
        assertThat(jdbc.sql("SELECT count(*) FROM runs WHERE reason LIKE 'race%'").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'refused.apply'").query(Long.class).single()).isPositive();
        slack.click(run.requester().id().equals(ALICE.id()) ? ALICE : CAROL, channel("ops"), "run_cancel", String.valueOf(run.id()));
        awaitState(run.id(), RunState.CANCELLED);
    }

    @Test
    void aRunLeftApplyingByAStoppedBotIsTakenOverAndWhatIsLeftIsApplied() throws Exception {
        // the state a bot killed during APPLYING leaves: the run row says APPLYING, the target's history
        // holds what it had applied by then, and the migration it was on rolled back with its session
        slack.slashCommand(ALICE, "C0CMD", "apply recovery --to 20251206091000 before the crash");
        MigrationRun run = awaitActiveRun("recovery");
        // held by an instance that is gone, whose lease has not run out yet
        jdbc.sql("UPDATE runs SET worker_id = 'mo-gone', lease_expires_at = now() + interval '1 hour' WHERE id = ?").param(run.id()).update();
        for (RunState state : List.of(RunState.APPROVED, RunState.PRECHECKS, RunState.BACKUP, RunState.APPLYING)) {
            runs.transition(run.id(), state, state.name().toLowerCase(), null);
        }
        dev.migrateops.engine.MigrationEngine engine = dev.migrateops.support.Engines.over(Map.of("recovery",
                TARGETS.get("recovery").target(java.nio.file.Path.of("migrations"), 1)));
        engine.apply("recovery", new dev.migrateops.engine.ApplyRequest("alice (U0ALICE)", String.valueOf(run.id()), null,
                Optional.of(dev.migrateops.catalog.MigrationVersion.parse("20251206090000"))), dev.migrateops.engine.ApplyListener.NONE);
        engine.targets().close();

        // its lease runs out: this instance's lease keeper takes the run over within a second
        jdbc.sql("UPDATE runs SET lease_expires_at = now() - interval '1 second' WHERE id = ?").param(run.id()).update();

        awaitState(run.id(), RunState.COMPLETED);
        awaitCall("chat.postMessage", channel("recovery"), "applies what is left");
        assertThat(TARGETS.get("recovery").column("SELECT version || ' ' || run_id FROM migrateops.schema_history ORDER BY 1"))
                .containsExactly("20251206090000 " + run.id(), "20251206091000 " + run.id());
        assertThat(actions(run.id())).containsSubsequence("run.resumed", "statement.executed", "run.completed");

        slack.slashCommand(BOB, "C0CMD", "apply recovery after the restart");
        MigrationRun next = SLACK.await(() -> runs.activeOn("recovery"), WAIT);
        assertThat(next.id()).isNotEqualTo(run.id());
        assertThat(next.plan().migrations()).extracting(m -> m.version()).doesNotContain("20251206090000");
        slack.click(BOB, channel("recovery"), "run_cancel", String.valueOf(next.id()));
        awaitState(next.id(), RunState.CANCELLED);
    }

    @Test
    void malformedCommandsGetAnEphemeralAnswerThatListsWhatExists() {
        assertThat(ackText(slack.slashCommand(ALICE, "C0CMD", "deploy staging")))
                .contains("I don't know `deploy`", "`apply`", "`rollback`");
        assertThat(ackText(slack.slashCommand(ALICE, "C0CMD", "plan prod")))
                .contains("I don't know the target `prod`", "`production`", "`staging`");
        assertThat(ackText(slack.slashCommand(ALICE, "C0CMD", "cancel 42;drop"))).contains("is not a run number");
        HttpResponse<String> unknownRun = slack.slashCommand(ALICE, "C0CMD", "status 999999");
        assertThat(unknownRun.statusCode()).isEqualTo(200);
        awaitResponse("There is no run #999999");
        assertThat(ackText(slack.slashCommand(ALICE, "C0CMD", "help"))).contains("/migrate apply &lt;target&gt;");
        assertThat(ackText(slack.slashCommand(ALICE, "C0CMD", "targets"))).contains("`production`", "after uat")
                .doesNotContain("password");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'refused.command'").query(Long.class).single())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void aDoubleClickedApprovalCountsOnceAndTheRunStartsAtTheSecondApprover() {
        slack.slashCommand(ALICE, "C0CMD", "apply twokey --to 20251206090000 two keys");
        MigrationRun run = awaitActiveRun("twokey");
        String id = String.valueOf(run.id());

        slack.click(BOB, channel("twokey"), "run_approve", id);
        slack.click(BOB, channel("twokey"), "run_approve", id);
        awaitEphemeral(BOB, "you have already approved run #" + id);
        awaitCall("chat.update", channel("twokey"), "AWAITING APPROVAL (1 of 2)");
        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.REQUESTED);

        slack.click(CAROL, channel("twokey"), "run_approve", id);
        awaitState(run.id(), RunState.COMPLETED);
        assertThat(runs.approvals(run.id(), dev.migrateops.run.Approval.Purpose.APPLY)).extracting(a -> a.approver().id())
                .containsExactly(BOB.id(), CAROL.id());
    }

    @Test
    void cancellingDuringApplyingCancelsTheRunningStatementAndTheRunFailsWithWhatWasApplied() throws Exception {
        java.nio.file.Files.writeString(SLOW_MIGRATIONS.resolve("20251206095000_slow_backfill.sql"),
                "CREATE TABLE backfill_marker (id int);\nSELECT pg_sleep(60);\n");
        slack.slashCommand(ALICE, "C0CMD", "apply slow");
        MigrationRun run = awaitActiveRun("slow");
        slack.click(BOB, channel("slow"), "run_approve", String.valueOf(run.id()));
        awaitCall("chat.postMessage", channel("slow"), "▶️ Applying 20251206095000");
        awaitState(run.id(), RunState.APPLYING);
        // the long statement gets one reply in the thread, and the card the same line
        FakeSlackApi.Call progress = awaitCall("chat.postMessage", channel("slow"), "⏳ Running SELECT pg_sleep(60)");
        assertThat(progress.param("thread_ts")).isEqualTo(cardTs(run.id()));
        awaitCall("chat.update", channel("slow"), "⏳ Running SELECT pg_sleep(60)");

        slack.slashCommand(ALICE, "C0CMD", "cancel " + run.id());

        MigrationRun failed = awaitState(run.id(), RunState.FAILED);
        assertThat(failed.outcome()).contains("Cancelled by alice", "57014", "nothing of this migration was applied",
                "Applied: 20251206090000 product_sales_indexes", "20251206094000 product_sales_amount_numeric");
        assertThat(TARGETS.get("slow").column("SELECT to_regclass('backfill_marker')::text")).containsOnlyNulls();
        assertThat(TARGETS.get("slow").column("SELECT version FROM migrateops.schema_history")).hasSize(5)
                .doesNotContain("20251206095000");
        awaitCall("chat.postMessage", channel("slow"), "Rollback options: `/migrate rollback " + run.id() + "`");
        assertThat(actions(run.id())).contains("run.cancel_requested", "run.failed");
        // the progress reply was edited to its end, not posted again
        awaitCall("chat.update", channel("slow"), "✅ Ran SELECT pg_sleep(60)");
        assertThat(SLACK.delivered("chat.postMessage", c -> channel("slow").equals(c.param("channel"))
                && String.valueOf(c.param("blocks")).contains("pg_sleep(60)"))).hasSize(1);
    }

    @Test
    void anApproverTerminatesTheSessionBlockingTheMigrationAfterConfirmingAndTheRunCompletes() throws Exception {
        TestDatabase db = TARGETS.get("blocked");
        try (java.sql.Connection report = db.connect()) {
            var st = report.createStatement();
            st.execute("SET application_name = 'nightly-report'");
            report.setAutoCommit(false);
            st.execute("LOCK TABLE product_sales IN SHARE MODE");
            slack.slashCommand(ALICE, "C0CMD", "apply blocked");
            MigrationRun run = awaitActiveRun("blocked");
            slack.click(BOB, channel("blocked"), "run_approve", String.valueOf(run.id()));

            FakeSlackApi.Call blockers = awaitCall("chat.postMessage", channel("blocked"), "blocker_terminate");
            assertThat(blockers.param("thread_ts")).isEqualTo(cardTs(run.id()));
            assertThat(blockers.param("blocks")).contains("nightly-report", "idle in transaction");
            awaitCall("chat.update", channel("blocked"), "🔒 Waiting for a lock behind");
            java.util.regex.Matcher value = java.util.regex.Pattern.compile("\"value\":\"(" + run.id() + ":[0-9]+:[0-9]+)\"")
                    .matcher(blockers.param("blocks"));
            assertThat(value.find()).isTrue();

            slack.click(ALICE, channel("blocked"), "blocker_terminate", value.group(1));
            awaitEphemeral(ALICE, "you requested run #" + run.id());
            slack.click(MALLORY, channel("blocked"), "blocker_terminate", value.group(1));
            awaitEphemeral(MALLORY, "only an approver of blocked");
            slack.click(CAROL, channel("blocked"), "blocker_terminate", value.group(1));
            FakeSlackApi.Call dialog = SLACK.await(() -> SLACK.delivered("views.open", c -> c.param("view").contains("blocker_end"))
                    .stream().findFirst(), WAIT);
            assertThat(dialog.param("view")).contains("Terminate pid", "nightly-report", "rolled back");
            assertThat(report.isValid(2)).isTrue();

            slack.sendPayload(slack.dialogPayload(CAROL, "blocker_end", value.group(1) + ":TERMINATE", "none", "none", ""));

            awaitState(run.id(), RunState.COMPLETED);
            assertThat(report.isValid(2)).isFalse();
            awaitCall("chat.postMessage", channel("blocked"), "terminated blocking session");
            awaitCall("chat.update", channel("blocked"), "waits for no lock any more");
            assertThat(actions(run.id())).containsSubsequence("refused.terminate_blocker", "refused.terminate_blocker",
                    "blocker.terminated", "run.completed");
        }
    }

    @Test
    void aRollbackIsApprovedBySomeoneElseAndRunsTheDownScripts() {
        MigrationRun run = completedRun("rollme", "--to 20251206093000");

        slack.slashCommand(ALICE, "C0CMD", "rollback " + run.id() + " checkout is slower");
        awaitState(run.id(), RunState.ROLLBACK_REQUESTED);
        awaitCall("chat.update", channel("rollme"), "ROLLBACK AWAITING APPROVAL (0 of 1)");
        slack.click(ALICE, channel("rollme"), "run_approve", String.valueOf(run.id()));
        awaitEphemeral(ALICE, "you requested this rollback");
        slack.click(CAROL, channel("rollme"), "run_approve", String.valueOf(run.id()));

        awaitState(run.id(), RunState.ROLLED_BACK);
        assertThat(TARGETS.get("rollme").column("SELECT version FROM migrateops.schema_history")).isEmpty();
        assertThat(TARGETS.get("rollme").column("SELECT to_regclass('product_sales_tenant_status_created_idx')::text")).containsOnlyNulls();
        awaitCall("chat.postMessage", channel("rollme"), "↩️ Rolled back 20251206093000, 20251206092000, 20251206091000, 20251206090000");
        assertThat(actions(run.id())).containsSubsequence("rollback.requested", "refused.approve", "rollback.approval",
                "rollback.approved", "rollback.started", "rollback.completed");

        String everything = SLACK.calls().toString() + SLACK.responses()
                + jdbc.sql("SELECT string_agg(details::text, ' ') FROM audit_events").query(String.class).single();
        assertThat(everything).doesNotContain(NEVER_SHOWN).doesNotContain("xoxb-test").doesNotContain(SECRET);
    }

    @Test
    void editingAPendingMigrationAfterApprovalsStartedVoidsThemAndTheCardSaysWhy() throws Exception {
        slack.slashCommand(ALICE, "C0CMD", "apply edited --to 20251206091000");
        MigrationRun run = awaitActiveRun("edited");
        awaitCall("chat.postMessage", channel("edited"), "AWAITING APPROVAL");
        java.nio.file.Files.writeString(EDITED_MIGRATIONS.resolve("20251206091000_product_sales_fk.sql"),
                "\n-- reviewed again\n", java.nio.file.StandardOpenOption.APPEND);

        slack.click(BOB, channel("edited"), "run_approve", String.valueOf(run.id()));

        awaitEphemeral(BOB, "changed (edited since it was requested: 20251206091000)");
        awaitCall("chat.update", channel("edited"), "Earlier approvals are void");
        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.REQUESTED);
        assertThat(actions(run.id())).contains("approvals.voided");

        slack.click(BOB, channel("edited"), "run_approve", String.valueOf(run.id()));
        awaitState(run.id(), RunState.COMPLETED);
    }

    @Test
    void whileSlackIsDownNothingIsLostAndMessagesGoOutOnceInOrder() {
        awaitOutboxDrained();
        for (int i = 0; i < 5; i++) {
            SLACK.failNext("chat.postMessage", channel("ops"), 500, null);
        }
        slack.slashCommand(ALICE, "C0CMD", "apply ops during an outage");
        MigrationRun run = awaitActiveRun("ops");
        slack.click(ALICE, channel("ops"), "run_cancel", String.valueOf(run.id()));
        awaitState(run.id(), RunState.CANCELLED);

        FakeSlackApi.Call card = awaitCall("chat.postMessage", channel("ops"), "during an outage");
        FakeSlackApi.Call cancelled = SLACK.await(() -> SLACK.delivered("chat.postMessage",
                c -> cardTs(run.id()) != null && cardTs(run.id()).equals(c.param("thread_ts"))
                        && c.param("text").startsWith("⏹️")).stream().findFirst(), WAIT);
        assertThat(cancelled.param("text")).startsWith("⏹️ Cancelled by alice");
        assertThat(cancelled.at()).isAfter(card.at());
        assertThat(SLACK.delivered("chat.postMessage", c -> c.params().getOrDefault("blocks", "").contains("during an outage")))
                .hasSize(1);
        assertThat(SLACK.calls("chat.postMessage").stream().filter(c -> c.status() == 500)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void aCheckQueryThatFindsOrphansStopsTheRunBeforeAnythingIsApplied() {
        TARGETS.get("orphans").execute("INSERT INTO product_sales (tenant_id, product_name, quantity, amount)"
                + " VALUES (1, 'discontinued widget', 1, 9.99)");
        slack.slashCommand(ALICE, "C0CMD", "apply orphans");
        MigrationRun run = awaitActiveRun("orphans");
        // the approver sees it on the card before approving: the preview ran the check query
        assertThat(run.plan().preChecks()).filteredOn(c -> c.name().equals("20251206091000.check.sql")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(dev.migrateops.engine.PreCheck.Status.FAIL))
                .satisfies(c -> assertThat(c.detail()).contains("product_name=discontinued widget, orphaned_sales=1"));
        awaitCall("chat.postMessage", channel("orphans"), "1 fail");
        slack.click(BOB, channel("orphans"), "run_approve", String.valueOf(run.id()));

        MigrationRun failed = awaitState(run.id(), RunState.FAILED);
        assertThat(failed.outcome()).contains("Pre-checks failed — nothing was applied",
                "20251206091000_product_sales_fk.check.sql:2 returned 1 row",
                "product_name=discontinued widget, orphaned_sales=1");
        assertThat(TARGETS.get("orphans").column("SELECT to_regclass('migrateops.schema_history')::text")).containsOnlyNulls();
        awaitCall("chat.update", channel("orphans"), "FAILED");
    }

    @Test
    void aProductionRunIsBackedUpVerifiedAndRehearsedThenRolledBackByRestoreAfterTypingTheTargetsName() {
        MigrationRun run = completedRun("restoreme", "money as numeric");
        FakeSlackApi.Call backedUp = awaitCall("chat.postMessage", channel("restoreme"), "Backup ");
        assertThat(backedUp.param("text")).contains("restore check: row counts match (5 tables)");
        awaitCall("chat.postMessage", channel("restoreme"), "Rehearsal on the restored copy: 5 migrations applied");
        assertThat(actions(run.id())).containsSubsequence("step.backup", "backup.taken", "backup.verified", "step.applying");
        TestDatabase db = TARGETS.get("restoreme");
        assertThat(db.column("SELECT data_type FROM information_schema.columns WHERE table_name = 'product_sales'"
                + " AND column_name = 'amount'")).containsExactly("numeric");
        db.execute("INSERT INTO product_sales (tenant_id, product_name, quantity, amount) VALUES (1, 'product 1', 1, 9.99)");

        slack.slashCommand(ALICE, "C0CMD", "rollback " + run.id() + " rounding broke invoices");
        FakeSlackApi.Call requested = awaitCall("chat.postMessage", channel("restoreme"), "This restores backup #");
        assertThat(requested.param("text")).contains("public.product_sales: +1 rows");
        slack.click(BOB, channel("restoreme"), "run_approve", String.valueOf(run.id()));
        FakeSlackApi.Call dialog = SLACK.await(() -> SLACK.delivered("views.open", c -> c.param("view").contains("restore_confirm"))
                .stream().findFirst(), WAIT);
        assertThat(dialog.param("view")).contains("Type restoreme to confirm");
        assertThat(slack.submitRestoreConfirmation(BOB, run.id(), "production").body()).contains("Type restoreme exactly");
        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.ROLLBACK_REQUESTED);

        slack.submitRestoreConfirmation(BOB, run.id(), "restoreme");

        awaitState(run.id(), RunState.ROLLED_BACK);
        assertThat(db.column("SELECT data_type FROM information_schema.columns WHERE table_name = 'product_sales'"
                + " AND column_name = 'amount'")).containsExactly("double precision");
        assertThat(db.count("SELECT count(*) FROM product_sales")).isEqualTo(10000);
        assertThat(db.column("SELECT to_regclass('migrateops.schema_history')::text")).containsOnlyNulls();
        assertThat(actions(run.id())).contains("rollback.approval", "rollback.restored");

        // the restore put back a target without history; what happened is still told
        slack.slashCommand(ALICE, "C0CMD", "history restoreme");
        assertThat(awaitResponse("*History of restoreme*")).contains("Nothing applied now.", "*Rolled back*",
                "`20251206094000` product_sales_amount_numeric · applied in run #" + run.id() + ", rolled back",
                "restored backup #").doesNotContain("no migration history yet");
    }

    @Test
    void anApproverMayChooseARestoreEvenWhereDownScriptsExist() {
        MigrationRun run = completedRun("restorepick", "--to 20251206093000");
        TestDatabase db = TARGETS.get("restorepick");
        db.execute("UPDATE product_master SET price = 0");

        slack.slashCommand(ALICE, "C0CMD", "rollback " + run.id() + " --restore prices were zeroed");
        awaitCall("chat.postMessage", channel("restorepick"), "by restoring the backup (asked for with --restore)");
        slack.click(CAROL, channel("restorepick"), "run_approve", String.valueOf(run.id()));
        SLACK.await(() -> SLACK.delivered("views.open", c -> c.param("view").contains("Type restorepick to confirm"))
                .stream().findFirst(), WAIT);
        slack.submitRestoreConfirmation(CAROL, run.id(), "restorepick");

        awaitState(run.id(), RunState.ROLLED_BACK);
        assertThat(db.count("SELECT count(*) FROM product_master WHERE price = 0")).isZero();
        assertThat(db.column("SELECT to_regclass('product_sales_tenant_status_created_idx')::text")).containsOnlyNulls();
        assertThat(actions(run.id())).contains("rollback.restored").doesNotContain("rollback.completed");
    }

    @Test
    void aFailedRehearsalStopsTheRunWithProductionUntouched() throws Exception {
        java.nio.file.Files.writeString(REHEARSE_MIGRATIONS.resolve("20251206095000_refunds.sql"),
                // fails only on data: the plan's trace on an empty copy of the schema passes it, the rehearsal does not
                "CREATE TABLE refunds (id bigint PRIMARY KEY);\nINSERT INTO refunds SELECT tenant_id FROM product_sales;\n");
        slack.slashCommand(ALICE, "C0CMD", "apply rehearse");
        MigrationRun run = awaitActiveRun("rehearse");
        slack.click(BOB, channel("rehearse"), "run_approve", String.valueOf(run.id()));

        MigrationRun failed = awaitState(run.id(), RunState.FAILED);
        assertThat(failed.outcome()).contains("rehearsal on a restored copy failed — production was not touched",
                "20251206095000_refunds.sql:2", "23505");
        TestDatabase db = TARGETS.get("rehearse");
        assertThat(db.column("SELECT to_regclass('migrateops.schema_history')::text")).containsOnlyNulls();
        assertThat(db.column("SELECT to_regclass('product_sales_tenant_status_created_idx')::text")).containsOnlyNulls();
        assertThat(PostgresServer.get().databasesNamedLike("migrateops\\_scratch\\_run" + run.id() + "\\_%")).isZero();
    }

    @Test
    void anAdHocBackupNeedsNoApprovalButAnApproverIsVerifiedListedAuditedAndRetired() throws Exception {
        // a backup copies production's data: not something any workspace member may start
        slack.slashCommand(MALLORY, "C0CMD", "backup adhoc");
        awaitResponse("you may not take a backup now on adhoc");
        SLACK.await(() -> Optional.of(1L).filter(n -> jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'refused.backup'"
                + " AND actor_id = ?").param(MALLORY.id()).query(Long.class).single() >= n), WAIT);
        for (int i = 1; i <= 3; i++) {
            slack.slashCommand(BOB, "C0CMD", "backup adhoc");
            int taken = i;
            SLACK.await(() -> Optional.of(taken).filter(n -> jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'backup.adhoc'"
                    + " AND details ->> 'target' = 'adhoc'").query(Long.class).single() >= n), WAIT);
        }
        String reply = awaitResponse("Retention deleted 1 older backup");
        assertThat(reply).contains("of adhoc:", "restore check: row counts match (5 tables)");
        awaitCall("chat.postMessage", channel("adhoc"), "(ad hoc, by <@U0BOB>)");

        slack.slashCommand(BOB, "C0CMD", "backups adhoc");
        String list = awaitResponse("*Backups of adhoc*");
        assertThat(list.split("ad hoc", -1)).hasSize(3);
        List<Map<String, Object>> deleted = jdbc.sql("SELECT details::text AS details FROM audit_events WHERE action = 'backup.deleted'")
                .query().listOfRows();
        assertThat(deleted).singleElement().satisfies(row -> assertThat(row.get("details").toString()).contains("more than 2 kept"));
        String deletedPath = jdbc.sql("SELECT path FROM backups WHERE deleted_at IS NOT NULL").query(String.class).single();
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of(deletedPath))).isFalse();
        assertThat(jdbc.sql("SELECT actor_id FROM audit_events WHERE action = 'backup.adhoc_requested'").query(String.class).list())
                .containsOnly(BOB.id());

        String everything = SLACK.calls().toString() + SLACK.responses()
                + jdbc.sql("SELECT string_agg(details::text, ' ') FROM audit_events").query(String.class).single();
        assertThat(everything).doesNotContain(NEVER_SHOWN);
    }

    @Test
    void healthSaysWhichTargetsPreviewTheirChecksBeforeApproval(
            @Autowired @org.springframework.beans.factory.annotation.Qualifier("checkCredentialsHealthIndicator")
            org.springframework.boot.actuate.health.HealthIndicator credentials) {
        Map<String, Object> details = credentials.health().getDetails();

        assertThat(details.get("orphans")).asString().startsWith("read-only: previews .check.sql before approval");
        assertThat(details.get("staging")).asString().startsWith("none: .check.sql runs after approval only");
        assertThat(details.toString()).doesNotContain(NEVER_SHOWN);
    }

    @Test
    void healthReportsTheBackupToolsAgainstTheTargetsServers(
            @Autowired @org.springframework.beans.factory.annotation.Qualifier("backupToolsHealthIndicator")
            org.springframework.boot.actuate.health.HealthIndicator tools) {
        assertThat(tools.health().getStatus().getCode()).isEqualTo("UP");
        assertThat(tools.health().getDetails().toString()).contains("pg_dump").doesNotContain(NEVER_SHOWN);
    }

    @Test
    void probesInfoAndMetricsAreServedAndHealthDetailsStayPrivate() {
        assertThat(get("/actuator/health/liveness")).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health")).contains("\"status\"").doesNotContain("pg_dump", "backupTools", NEVER_SHOWN);
        assertThat(get("/actuator/info")).contains("\"build\"", "\"version\"");

        completedRun("metered", "metrics drill");
        // the run gauges are read from the store every 15 s
        SLACK.await(() -> Optional.of(get("/actuator/prometheus"))
                .filter(metrics -> metrics.contains("migrateops_runs{state=\"COMPLETED\",target=\"metered\"}")), Duration.ofSeconds(40));
        assertThat(get("/actuator/prometheus")).contains("migrateops_run_step_seconds_count{", "step=\"APPLYING\"",
                "migrateops_runs{state=\"COMPLETED\",target=\"metered\"}", "migrateops_slack_outbox_pending",
                "migrateops_slack_outbox_oldest_age_seconds").doesNotContain(NEVER_SHOWN);
    }

    private String get(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLintErrorBlocksApprovalUntilAnApproverAcceptsItWithAReason() throws Exception {
        // a table of unknown size (never analysed) is judged as a large one: keep autovacuum from measuring it meanwhile
        assertThat(TARGETS.get("linted").count("SELECT count(*) FROM pg_class WHERE relname = 'product_sales' AND reltuples < 0")).isOne();
        java.nio.file.Files.writeString(LINTED_MIGRATIONS.resolve("20251206095000_sales_status_index.sql"),
                "CREATE INDEX IF NOT EXISTS product_sales_status_idx ON product_sales (status);\n");
        slack.slashCommand(ALICE, "C0CMD", "apply linted status filter");
        MigrationRun run = awaitActiveRun("linted");
        FakeSlackApi.Call card = awaitCall("chat.postMessage", channel("linted"), "AWAITING APPROVAL");
        assertThat(card.param("blocks")).contains("1 lint error", "index-not-concurrent at `20251206095000_sales_status_index.sql:1`");
        awaitCall("chat.postMessage", channel("linted"), "Lint: 4 findings");

        slack.click(BOB, channel("linted"), "run_approve", String.valueOf(run.id()));
        awaitEphemeral(BOB, "1 lint error blocks run #" + run.id());
        slack.slashCommand(ALICE, "C0CMD", "override " + run.id() + " I wrote it, trust me");
        awaitResponse("you requested this run, so someone else must approve it");

        slack.slashCommand(BOB, "C0CMD", "override " + run.id() + " status has 3 values, the build takes seconds");
        awaitCall("chat.update", channel("linted"), "Lint errors accepted by bob (U0BOB): status has 3 values");
        slack.click(BOB, channel("linted"), "run_approve", String.valueOf(run.id()));
        awaitState(run.id(), RunState.COMPLETED);
        assertThat(audit.forRun(run.id())).filteredOn(e -> e.action().equals("run.requested")).singleElement()
                .satisfies(e -> assertThat(e.details()).contains("unique-without-index@20251206091000_product_sales_fk.sql:5 allowed: "
                        + "product_master is a small lookup table"));
        assertThat(audit.forRun(run.id())).filteredOn(e -> e.action().equals("lint.overridden")).singleElement()
                .satisfies(e -> assertThat(e.details()).contains("index-not-concurrent@20251206095000_sales_status_index.sql:1"));
    }

    @Test
    void aWatchedRunStaysInMonitoringUntilTheRequesterClosesIt() {
        slack.slashCommand(ALICE, "C0CMD", "apply watched --to 20251206090000");
        MigrationRun run = awaitActiveRun("watched");
        slack.click(BOB, channel("watched"), "run_approve", String.valueOf(run.id()));
        awaitState(run.id(), RunState.MONITORING);
        awaitCall("chat.postMessage", channel("watched"), "Applied and verified. Watching watched until");
        awaitCall("chat.update", channel("watched"), "MONITORING");
        // the runbook's idempotent re-run: nothing is pending up to that version, whatever the last run is doing
        slack.slashCommand(ALICE, "C0CMD", "apply watched --to 20251206090000");
        awaitResponse("nothing pending on watched: it is up to date");
        slack.slashCommand(ALICE, "C0CMD", "apply watched");
        awaitResponse("(MONITORING, requested by alice): wait for it to end");

        slack.slashCommand(MALLORY, "C0CMD", "close " + run.id());
        awaitResponse("only the requester or an approver of watched may close run #" + run.id());
        slack.slashCommand(ALICE, "C0CMD", "close " + run.id());

        awaitState(run.id(), RunState.COMPLETED);
        awaitCall("chat.postMessage", channel("watched"), "Completed: alice closed the monitoring window early");
        assertThat(actions(run.id())).contains("run.closed");
    }

    @Test
    void theAuditTrailIsAppendOnly() {
        assertThatThrownByDatabase("UPDATE audit_events SET action = 'rewritten'");
        assertThatThrownByDatabase("DELETE FROM audit_events");
    }

    private void assertThatThrownByDatabase(String sql) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(sql).update())
                .hasMessageContaining("audit_events is append-only");
    }
}
