package dev.migrateops.cli;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.engine.MigrationEngine;
import java.util.Arrays;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application without its web server, runs one command, and returns its exit code. */
public final class CommandLineLauncher {

    private CommandLineLauncher() {
    }

    public static boolean isCommand(String[] args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("--")).findFirst()
                .map(MigrateOpsCli.COMMANDS::contains).orElse(false);
    }

    public static int run(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandLineConfiguration.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN")
                .run(args)) {
            String user = System.getProperty("user.name", "unknown");
            String actor = user + " (command line)";
            CommandAudit audit = context.getBeanProvider(AuditLog.class).stream().findFirst()
                    .<CommandAudit>map(log -> (action, details) -> log.record(null, new Actor("cli:" + user, actor), action, details))
                    .orElse(CommandAudit.NONE);
            return new MigrateOpsCli(context.getBean(MigrationEngine.class), actor, audit, System.out, System.err).run(args);
        }
    }
}
