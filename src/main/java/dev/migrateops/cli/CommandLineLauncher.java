package dev.migrateops.cli;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.run.ExecutingRuns;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunPlanner;
import dev.migrateops.run.RunRepository;
import dev.migrateops.run.RunRequests;
import dev.migrateops.run.RunRollbacks;
import dev.migrateops.trace.MigrationTracer;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Runs one command of the command line and returns its exit code. Spring settings given as arguments
 * ({@code --migrateops.targets.x.jdbc-url=…}: a dotted name and a value) go to Spring; everything else is
 * the command's. Spring — without its web server — starts only when a command first needs a target.
 */
public final class CommandLineLauncher {

    private static final Pattern SPRING_PROPERTY = Pattern.compile("^--[A-Za-z0-9_-]+(\\.[A-Za-z0-9_\\[\\]-]+)+=.*", Pattern.DOTALL);
    /** Arguments that start the bot rather than a command: sandbox mode, and Spring Boot's own switches. */
    private static final List<String> BOT = List.of("--sandbox", "--debug", "--trace");

    private CommandLineLauncher() {
    }

    /**
     * True when the arguments ask for the command line: a command or any other word, or an option such as
     * {@code --help}, {@code --version} — anything but Spring settings alone.
     */
    public static boolean isCommand(String[] args) {
        return Arrays.stream(args).anyMatch(a -> !SPRING_PROPERTY.matcher(a).matches() && !BOT.contains(a));
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String[] spring = Arrays.stream(args).filter(a -> SPRING_PROPERTY.matcher(a).matches()).toArray(String[]::new);
        String[] command = Arrays.stream(args).filter(a -> !SPRING_PROPERTY.matcher(a).matches()).toArray(String[]::new);
        String user = System.getProperty("user.name", "unknown") + "@" + hostName();
        Actor actor = new Actor("cli:" + user, user + " (command line)");
        try (LazyContext context = new LazyContext(spring)) {
            return new MigrateOpsCli(() -> context.get().getBean(MigrationEngine.class), () -> context.get().getBean(MigrationTracer.class),
                    () -> runCore(context.get()), actor,
                    () -> audit(context.get(), actor), out, err).run(command);
        }
    }

    /** Where the command ran: with the user, what a break-glass run is known by. */
    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return java.util.Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
        }
    }

    private static CommandAudit audit(ConfigurableApplicationContext context, Actor actor) {
        return context.getBeanProvider(AuditLog.class).stream().findFirst()
                .<CommandAudit>map(log -> (action, details) -> log.record(null, actor, action, details))
                .orElse(CommandAudit.NONE);
    }

    /** The run core, when the bot's database is configured; run events reach listeners added here from then on. */
    private static Optional<RunAccess> runCore(ConfigurableApplicationContext context) {
        return context.getBeanProvider(RunRequests.class).stream().findFirst().map(requests -> {
            RunRepository runs = context.getBean(RunRepository.class);
            return new RunAccess(requests, context.getBean(RunRollbacks.class), context.getBean(RunPlanner.class),
                    context.getBean(ExecutingRuns.class), runs::get, listener -> context.addApplicationListener(event -> {
                        if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof RunEvent runEvent) {
                            listener.accept(runEvent);
                        }
                    }));
        });
    }

    /** The application without its web server, started the first time a command asks for it. */
    private static final class LazyContext implements AutoCloseable {
        private final String[] args;
        private ConfigurableApplicationContext context;

        LazyContext(String[] args) {
            this.args = args;
        }

        ConfigurableApplicationContext get() {
            if (context == null) {
                context = new SpringApplicationBuilder(CommandLineConfiguration.class)
                        .web(WebApplicationType.NONE)
                        .bannerMode(Banner.Mode.OFF)
                        .logStartupInfo(false)
                        // a run stops at its backup-tools pre-check; a start that fails would not say which run needed them
                        .properties(Map.of("logging.level.root", "WARN", "migrateops.runs.recover", "false",
                                "migrateops.backup.require-tools-at-start", "false"))
                        .run(args);
            }
            return context;
        }

        @Override
        public void close() {
            if (context != null) {
                context.close();
            }
        }
    }
}
