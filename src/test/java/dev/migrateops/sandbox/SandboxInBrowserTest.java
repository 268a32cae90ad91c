package dev.migrateops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.config.SlackProperties;
import dev.migrateops.support.HeadlessChromium;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Sandbox mode as a newcomer meets it: no Slack token, no datasource, the stand-in page in a real
 * headless Chromium. Everything the page does goes to the bot as signed requests at /slack/events, and
 * everything the bot says comes back through the stand-in's Web API.
 */
// a third demo target is configured here, so sandbox mode is asked for rather than inferred
@ActiveProfiles("sandbox")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // whatever the shell running the tests has: no Slack tokens
        "SLACK_BOT_TOKEN=",
        "SLACK_APP_TOKEN=",
        // fast enough for a test: a status update arrives while staging is watched, then it completes
        "migrateops.cadence.interval=2s",
        "migrateops.monitoring.probe-interval=1s",
        "migrateops.targets.staging.monitoring-window=5s",
        // a third demo target of this test's own, for the rollback by restore
        "migrateops.sandbox.demo-databases=sandbox_staging,sandbox_production,sandbox_supabase,sandbox_qa",
        "migrateops.targets.qa.jdbc-url=${migrateops.sandbox.database-url-prefix}sandbox_qa",
        "migrateops.targets.qa.username=${migrateops.sandbox.database-user}",
        "migrateops.targets.qa.incident-channel=C0SANDBOX",
        "migrateops.targets.qa.approvers=U0AVERY,U0BLAKE",
        "migrateops.targets.qa.monitoring-window=0s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxInBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private HeadlessChromium chromium;

    private final int port;
    private final SlackProperties slack;

    SandboxInBrowserTest(@LocalServerPort int port, @Autowired SlackProperties slack) {
        this.port = port;
        this.slack = slack;
    }

    @BeforeAll
    void startBrowser() {
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theHomePageSaysThisIsSandboxModeAndLinksToTheChannel() throws Exception {
        HttpResponse<String> home = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("sandbox mode").contains("href=\"/sandbox\"");
    }

    @Test
    void theStandInRefusesAWrongTokenAndBrokenBlocksTheWaySlackDoes() throws Exception {
        String good = "Bearer " + slack.botToken();

        assertThat(callStandIn("Bearer xoxb-wrong", "channel=C0SANDBOX&text=hi")).contains("\"error\":\"invalid_auth\"");
        assertThat(callStandIn(good, "channel=C0SANDBOX&text=hi&blocks=" + URLEncoder.encode("[{\"text\":\"no type\"}]",
                StandardCharsets.UTF_8))).contains("\"error\":\"invalid_blocks\"");
        assertThat(callStandIn(good, "channel=C0NOWHERE&text=hi")).contains("\"error\":\"channel_not_found\"");
        assertThat(callStandIn(good, "channel=C0SANDBOX&text=hi")).contains("\"ok\":true");
    }

    @Test
    void thePageIsNeverGivenTheBotTokenOrTheSigningSecret() throws Exception {
        for (String path : List.of("/sandbox", "/sandbox/app.js", "/sandbox/workspace", "/sandbox/feed?user=U0ERIN", "/")) {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).as(path).doesNotContain(slack.botToken()).doesNotContain(slack.signingSecret());
        }
    }

    private String callStandIn(String authorization, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/api/chat.postMessage"))
                .header("Authorization", authorization).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void anEngineerAsksForStagingAndOnlyAnApproverCanTakeTheCardToCompleted() {
        WebDriver browser = chromium.driver();
        browser.get("http://127.0.0.1:" + port + "/sandbox");
        String cadence = await(browser, "the cadence in the top bar", () -> text(browser, By.id("cadence")));
        assertThat(cadence).contains("Status updates every 2 s").contains("staging 5 s");

        actAs(browser, "erin (engineer)");
        type(browser, "/migrate apply staging trying the sandbox");
        String card = await(browser, "the staging card awaiting approval", () -> cardTs(browser, "staging", "AWAITING APPROVAL"));
        WebElement approve = browser.findElement(cardButton(card, "run_approve"));
        assertThat(approve.getText()).isEqualTo("Approve");
        assertThat(approve.getAttribute("class")).contains("bk-primary");
        assertThat(browser.findElement(cardButton(card, "run_reject")).getAttribute("class")).contains("bk-danger");
        assertThat(inCard(browser, card, ".bk-fields b")).contains("Target:");
        assertThat(inCard(browser, card, ".mention")).isEqualTo("@erin");
        assertThat(inCard(browser, card, ".bk-text code")).isEqualTo("20251206090000");
        assertThat(browser.findElement(By.id("thread")).isDisplayed()).isFalse();

        click(browser, cardButton(card, "run_approve"));
        await(browser, "the refusal, for erin only", () -> ephemeralContaining(browser, "someone else must approve"));

        actAs(browser, "avery (approver)");
        await(browser, "erin's refusal hidden from avery", () -> !ephemeralContaining(browser, "someone else must approve"));
        click(browser, cardButton(card, "run_approve"));

        await(browser, "a status update in the channel", () -> topLevelTextContaining(browser, "Status update"));
        await(browser, "the card COMPLETED", () -> cardSays(browser, card, "COMPLETED"));
        assertThat(browser.findElements(cardButton(card, "run_approve"))).isEmpty();

        click(browser, By.cssSelector("button.replies[data-thread='" + card + "']"));
        String thread = await(browser, "the steps in the card's thread", () -> {
            String steps = text(browser, By.id("thread-messages"));
            return steps.contains("Completed") ? steps : null;
        });
        assertThat(thread).contains("Pre-checks passed").contains("Backup").contains("restore check: row counts match")
                .contains("Applied 20251206090000").contains("Applied 20251206094000").contains("Verified");

        chromium.screenshot(Path.of("target", "sandbox", "staging-completed.png"));
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void theSupabaseDemoReadsAGitRepositoryAndItsCardShowsTheCommitTheRunIsPinnedTo() {
        WebDriver browser = chromium.driver();
        browser.get("http://127.0.0.1:" + port + "/sandbox");
        actAs(browser, "erin (engineer)");
        type(browser, "/migrate apply supabase-demo trying a git source");
        String card = await(browser, "the supabase-demo card", () -> cardTs(browser, "supabase-demo", "AWAITING APPROVAL"));
        String fields = browser.findElement(By.cssSelector("#messages > .message[data-ts='" + card + "'] .bk-fields")).getText();
        assertThat(fields).contains("Commit:").contains("Add the example migrations in Supabase's layout")
                .contains("MigrateOps sandbox");

        actAs(browser, "avery (approver)");
        click(browser, cardButton(card, "run_approve"));
        await(browser, "the card past applying", () -> cardSays(browser, card, "MONITORING") || cardSays(browser, card, "COMPLETED"));
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void anApproverRejectsProductionWithAReasonTheBotAcceptsOnlyWhenItSaysWhy() {
        WebDriver browser = chromium.driver();
        browser.get("http://127.0.0.1:" + port + "/sandbox");
        actAs(browser, "erin (engineer)");
        type(browser, "/migrate apply production");
        String card = await(browser, "the production card", () -> cardTs(browser, "production", "AWAITING APPROVAL"));

        actAs(browser, "blake (approver)");
        click(browser, cardButton(card, "run_reject"));
        WebElement reason = await(browser, "the reject modal", () -> first(browser, By.cssSelector("#overlay .modal textarea, #overlay .modal input")));
        reason.sendKeys("no");
        click(browser, By.cssSelector("#overlay .modal [data-modal='submit']"));
        String error = await(browser, "the bot's answer in the modal", () -> text(browser, By.cssSelector("#overlay .modal .bk-error")));
        assertThat(error).contains("Say why");
        chromium.screenshot(Path.of("target", "sandbox", "reject-modal-error.png"));

        WebElement again = browser.findElement(By.cssSelector("#overlay .modal textarea, #overlay .modal input"));
        assertThat(again.getAttribute("value")).as("what was typed stays").isEqualTo("no");
        again.clear();
        again.sendKeys("staging has not run these yet");
        click(browser, By.cssSelector("#overlay .modal [data-modal='submit']"));

        await(browser, "the card REJECTED", () -> cardSays(browser, card, "REJECTED"));
        assertThat(browser.findElement(By.id("overlay")).isDisplayed()).isFalse();
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void aRollbackByRestoreWaitsUntilTheApproverTypesTheTargetsName() {
        WebDriver browser = chromium.driver();
        browser.get("http://127.0.0.1:" + port + "/sandbox");
        actAs(browser, "erin (engineer)");
        type(browser, "/migrate apply qa");
        String card = await(browser, "the qa card", () -> cardTs(browser, "qa", "AWAITING APPROVAL"));
        String run = inCard(browser, card, ".bk-fields").replaceAll("(?s).*Run: #(\\d+).*", "$1");
        actAs(browser, "avery (approver)");
        click(browser, cardButton(card, "run_approve"));
        await(browser, "the qa card COMPLETED", () -> cardSays(browser, card, "COMPLETED"));

        actAs(browser, "erin (engineer)");
        type(browser, "/migrate rollback " + run + " the amount column broke reports");
        await(browser, "the rollback awaiting approval", () -> cardSays(browser, card, "ROLLBACK AWAITING APPROVAL"));
        actAs(browser, "blake (approver)");
        click(browser, cardButton(card, "run_approve"));
        WebElement name = await(browser, "the restore modal", () -> first(browser, By.cssSelector("#overlay .modal input")));
        assertThat(text(browser, By.cssSelector("#overlay .modal"))).contains("Type qa to confirm");
        name.sendKeys("staging");
        click(browser, By.cssSelector("#overlay .modal [data-modal='submit']"));
        assertThat(await(browser, "the refusal in the modal", () -> text(browser, By.cssSelector("#overlay .modal .bk-error"))))
                .contains("Type qa exactly");
        assertThat(cardSays(browser, card, "ROLLBACK AWAITING APPROVAL")).isTrue();

        WebElement again = browser.findElement(By.cssSelector("#overlay .modal input"));
        again.clear();
        again.sendKeys("qa");
        click(browser, By.cssSelector("#overlay .modal [data-modal='submit']"));

        await(browser, "the qa card ROLLED BACK", () -> cardSays(browser, card, "ROLLED BACK"));
        chromium.screenshot(Path.of("target", "sandbox", "qa-rolled-back.png"));
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    private static String inCard(WebDriver browser, String cardTs, String selector) {
        return browser.findElement(By.cssSelector("#messages > .message[data-ts='" + cardTs + "'] " + selector)).getText();
    }

    private static void actAs(WebDriver browser, String who) {
        new Select(browser.findElement(By.id("as-user"))).selectByVisibleText(who);
    }

    private static void type(WebDriver browser, String line) {
        WebElement composer = browser.findElement(By.id("composer"));
        composer.sendKeys(line);
        composer.submit();
    }

    /** The ts of the newest top-level message whose header names the target and state, or null. */
    private static String cardTs(WebDriver browser, String target, String state) {
        String newest = null;
        for (WebElement message : browser.findElements(By.cssSelector("#messages > .message"))) {
            List<WebElement> header = message.findElements(By.cssSelector(".bk-header"));
            if (!header.isEmpty() && header.get(0).getText().contains(target) && header.get(0).getText().contains(state)) {
                newest = message.getAttribute("data-ts");
            }
        }
        return newest;
    }

    /** Whether the card with this ts now says this in its header. */
    private static boolean cardSays(WebDriver browser, String cardTs, String words) {
        return browser.findElement(By.cssSelector("#messages > .message[data-ts='" + cardTs + "'] .bk-header")).getText()
                .contains(words);
    }

    private static By cardButton(String cardTs, String actionId) {
        return By.cssSelector("#messages > .message[data-ts='" + cardTs + "'] button[data-action-id='" + actionId + "']");
    }

    private static boolean ephemeralContaining(WebDriver browser, String text) {
        return browser.findElements(By.cssSelector("#messages > .message.ephemeral")).stream()
                .anyMatch(m -> m.getText().contains(text));
    }

    private static boolean topLevelTextContaining(WebDriver browser, String text) {
        return browser.findElements(By.cssSelector("#messages > .message:not(.ephemeral)")).stream()
                .anyMatch(m -> m.getText().contains(text));
    }

    private static WebElement first(WebDriver browser, By by) {
        return browser.findElements(by).stream().findFirst().orElse(null);
    }

    /** The element's text; null while it has none. */
    private static String text(WebDriver browser, By by) {
        String text = browser.findElement(by).getText();
        return text.isEmpty() ? null : text;
    }

    /** Clicks what the selector finds now; the page re-renders as the feed changes, so it looks again if needed. */
    private static void click(WebDriver browser, By by) {
        await(browser, "a clickable " + by, () -> {
            browser.findElement(by).click();
            return true;
        });
    }

    /** Waits until the probe gives something other than null or false, and returns it. */
    private static <T> T await(WebDriver browser, String what, Supplier<T> probe) {
        return new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .withMessage(() -> "waiting for " + what + "; the channel shows:\n" + browser.findElement(By.id("messages")).getText())
                .until(b -> probe.get());
    }
}
