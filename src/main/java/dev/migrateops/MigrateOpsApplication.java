package dev.migrateops;

import dev.migrateops.cli.CommandLineLauncher;
import dev.migrateops.cli.CommandLineLogging;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The bot; or, when the first argument is a command ({@code plan}, {@code apply}, …), the command line. */
@SpringBootApplication
public class MigrateOpsApplication {

    public static void main(String[] args) {
        if (CommandLineLauncher.isCommand(args)) {
            CommandLineLogging.toStandardError();
            System.exit(CommandLineLauncher.run(args));
        }
        SpringApplication.run(MigrateOpsApplication.class, args);
    }
}
