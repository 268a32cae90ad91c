package dev.migrateops.cli;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.engine.MigrationEngine;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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
        String[] spring = Arrays.stream(args).filter(a -> SPRING_PROPERTY.matcher(a).matches()).toArray(String[]::new);
        String[] command = Arrays.stream(args).filter(a -> !SPRING_PROPERTY.matcher(a).matches()).toArray(String[]::new);
        String user = System.getProperty("user.name", "unknown");
        String actor = user + " (command line)";
        try (LazyContext context = new LazyContext(spring)) {
            return new MigrateOpsCli(() -> context.get().getBean(MigrationEngine.class), actor, () -> audit(context.get(), user, actor),
                    System.out, System.err).run(command);
        }
    }

    private static CommandAudit audit(ConfigurableApplicationContext context, String user, String actor) {
        return context.getBeanProvider(AuditLog.class).stream().findFirst()
                .<CommandAudit>map(log -> (action, details) -> log.record(null, new Actor("cli:" + user, actor), action, details))
                .orElse(CommandAudit.NONE);
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
                        .properties(Map.of("logging.level.root", "WARN"))
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
