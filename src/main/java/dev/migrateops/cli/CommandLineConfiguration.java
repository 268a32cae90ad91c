package dev.migrateops.cli;

import dev.migrateops.target.TargetConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** What the command line needs: the targets and the engine; not the bot's store, not Slack. */
@Configuration(proxyBeanMethods = false)
@Import(TargetConfiguration.class)
public class CommandLineConfiguration {
}
