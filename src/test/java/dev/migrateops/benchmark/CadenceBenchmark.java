package dev.migrateops.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.audit.Actor;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunPlan;
import dev.migrateops.run.RunRepository;
import dev.migrateops.run.RunState;
import dev.migrateops.support.FakeSlackApi;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Status-update lateness with a 5 s interval over 20 slots (update seen by Slack minus its slot time), and
 * the bot's idle CPU and memory while ten runs are in their monitoring window. Run with
 * {@code mvn -B test -Pbenchmark -Dtest=CadenceBenchmark}.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CadenceBenchmark {

    static final FakeSlackApi SLACK = new FakeSlackApi();
    static final PostgresServer SERVER = PostgresServer.get();
    static final TestDatabase STORE = SERVER.createDatabase("bench_cadence_store");
    static final TestDatabase TARGET = SERVER.createDatabase("bench_cadence_target").withDemoShop();
    static final Pattern UPDATE = Pattern.compile("Status update #(\\d+) — (t\\d) run #(\\d+)");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", STORE::jdbcUrl);
        registry.add("spring.datasource.username", SERVER::user);
        registry.add("spring.datasource.password", () -> SERVER.password() == null ? "" : SERVER.password());
        registry.add("migrateops.slack.bot-token", () -> "xoxb-test");
        registry.add("migrateops.slack.signing-secret", () -> "bench");
        registry.add("migrateops.slack.api-base-url", SLACK::apiBaseUrl);
        for (int i = 0; i < 10; i++) {
            String p = "migrateops.targets.t" + i + ".";
            registry.add(p + "jdbc-url", TARGET::jdbcUrl);
            registry.add(p + "username", SERVER::user);
            registry.add(p + "incident-channel", () -> "C0BENCH");
            registry.add(p + "backup", () -> "off");
            registry.add(p + "approvers[0]", () -> "U0APPROVER");
        }
        registry.add("migrateops.targets.t0.status-interval", () -> "5s");
    }

    @Autowired
    RunRepository runs;

    @AfterAll
    void drop(@Autowired dev.migrateops.slack.outbox.OutboxSender sender, @Autowired dev.migrateops.cadence.CadencePoller poller,
              @Autowired dev.migrateops.engine.TargetRegistry registry) {
        poller.stop();
        sender.stop();
        registry.close();
        SLACK.close();
        TARGET.close();
        STORE.close();
    }

    /** A run in its monitoring window, as the pipeline leaves it after VERIFYING. */
    private MigrationRun monitoredRun(String target) {
        MigrationRun run = runs.create(target, new Actor("U0ALICE", "alice"), "benchmark", null,
                new RunPlan("db", List.of(), List.of(), List.of()), "C0BENCH").orElseThrow();
        for (RunState state : List.of(RunState.APPROVED, RunState.PRECHECKS, RunState.BACKUP, RunState.APPLYING, RunState.VERIFYING)) {
            runs.transition(run.id(), state, state.name().toLowerCase(), null);
        }
        runs.monitorUntil(run.id(), Instant.now().plus(Duration.ofHours(2)));
        return runs.transition(run.id(), RunState.MONITORING, "monitoring", null);
    }

    @Test
    void statusUpdateLatenessAndIdleCost() throws Exception {
        List<String> lines = new ArrayList<>();
        MigrationRun fast = monitoredRun("t0");
        Instant approved = runs.find(fast.id()).map(r -> r.createdAt()).orElseThrow();
        Thread.sleep(Duration.ofSeconds(5 * 20 + 3).toMillis());
        Instant anchor = STORE.column("SELECT anchor FROM run_schedule WHERE run_id = " + fast.id()).isEmpty() ? approved
                : java.sql.Timestamp.valueOf(STORE.column("SELECT anchor::timestamp FROM run_schedule WHERE run_id = " + fast.id()).get(0))
                .toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
        List<Long> lateness = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (FakeSlackApi.Call call : SLACK.delivered("chat.postMessage", c -> c.param("text") != null)) {
            Matcher m = UPDATE.matcher(call.param("text"));
            if (m.find() && m.group(2).equals("t0")) {
                int slot = Integer.parseInt(m.group(1));
                numbers.add(slot);
                lateness.add(Duration.between(anchor.plusSeconds(5L * slot), call.at()).toMillis());
            }
        }
        assertThat(numbers).startsWith(1, 2, 3).doesNotHaveDuplicates();
        List<Long> sorted = new ArrayList<>(lateness.subList(0, Math.min(20, lateness.size())));
        Collections.sort(sorted);
        lines.add(String.format("status updates at a 5 s interval: %d slots seen, numbers %s; lateness (seen by Slack − slot) median %d ms,"
                + " max %d ms", sorted.size(), numbers.subList(0, Math.min(20, numbers.size())), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1)));
        runs.transition(fast.id(), RunState.COMPLETED, null, "benchmark");

        for (int i = 0; i < 10; i++) {
            monitoredRun("t" + i);
        }
        Thread.sleep(5000);
        System.gc();
        Duration cpuBefore = ProcessHandle.current().info().totalCpuDuration().orElseThrow();
        long start = System.nanoTime();
        Thread.sleep(60_000);
        Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElseThrow().minus(cpuBefore);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
        lines.add(String.format("idle with 10 runs in monitoring (poll 1 s, probes every 5 min): CPU %.2f%% of one core over %.0f s;"
                + " heap after GC %.1f MB; %s (whole test JVM)", 100.0 * cpu.toNanos() / (seconds * 1e9), seconds, heap / 1048576.0, rss));
        for (String line : lines) {
            System.out.println("BENCHMARK " + line);
        }
        Files.writeString(Path.of("target", "benchmarks.txt"), String.join("\n", lines) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
