package dev.migrateops.cli;

import dev.migrateops.target.MigrationEngine;
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
            String actor = System.getProperty("user.name", "unknown") + " (command line)";
            return new MigrateOpsCli(context.getBean(MigrationEngine.class), actor, System.out, System.err).run(args);
        }
    }
}
