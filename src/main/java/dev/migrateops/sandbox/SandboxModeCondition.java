package dev.migrateops.sandbox;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Sandbox mode is chosen, never fallen into: when asked for ({@code --sandbox}, or the {@code sandbox}
 * profile), or when nothing production-like is configured — no datasource, no targets, no Slack setting.
 * A start with any of those is a production start, and a missing setting there is an error, not a
 * reason to open a page where anyone can act as anyone.
 */
class SandboxModeCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        if (asked(environment)) {
            return ConditionOutcome.match("sandbox mode was asked for");
        }
        List<String> configured = productionSettings(environment);
        return configured.isEmpty() ? ConditionOutcome.match("nothing production-like is configured")
                : ConditionOutcome.noMatch("production settings are present: " + String.join(", ", configured));
    }

    /**
     * The {@code sandbox} profile, or {@code --sandbox} on the command line — only there: an environment
     * variable that happens to be called SANDBOX must not turn a production start into a sandbox.
     */
    static boolean asked(Environment environment) {
        if (environment.acceptsProfiles(Profiles.of("sandbox"))) {
            return true;
        }
        PropertySource<?> arguments = environment instanceof ConfigurableEnvironment configurable
                ? configurable.getPropertySources().get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME) : null;
        return arguments != null && arguments.containsProperty("sandbox");
    }

    /** The settings that make a start a production start, by name. */
    static List<String> productionSettings(Environment environment) {
        List<String> configured = new ArrayList<>();
        for (String setting : List.of("spring.datasource.url", "migrateops.slack.bot-token", "migrateops.slack.app-token",
                "migrateops.slack.signing-secret")) {
            if (!environment.getProperty(setting, "").isBlank()) {
                configured.add(setting);
            }
        }
        ConfigurationPropertyName targets = ConfigurationPropertyName.of("migrateops.targets");
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.containsDescendantOf(targets) == ConfigurationPropertyState.PRESENT) {
                configured.add("migrateops.targets");
                break;
            }
        }
        return configured;
    }
}
