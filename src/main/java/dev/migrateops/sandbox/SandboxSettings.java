package dev.migrateops.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import org.postgresql.Driver;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Puts sandbox mode's settings into the environment before any bean reads its configuration: the
 * defaults of {@code sandbox/sandbox.yml}, a bot token and signing secret made up for this start (the
 * stand-in and the bot share them, nobody else sees them), the stand-in as Slack's Web API address,
 * and where the demo targets live: an embedded PostgreSQL on a free port, or the configured datasource's
 * server. The made-up settings rank first; the defaults rank below the environment and the command line,
 * above application.yml.
 */
final class SandboxSettings implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private static final String DEFAULTS = "sandbox/sandbox.yml";
    private static final String GENERATED_SOURCE = "migrateopsSandbox";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConfigurableEnvironment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        MutablePropertySources sources = environment.getPropertySources();
        if (sources.contains(GENERATED_SOURCE)) {
            return;
        }
        int port = environment.getProperty("server.port", Integer.class, 8080);
        if (port == 0) {
            // the stand-in's address goes into the bot's settings now, so the port cannot wait for Tomcat
            port = freePort();
            sources.addFirst(new MapPropertySource("migrateopsSandboxPort", Map.of("server.port", port)));
        }
        // what makes this sandbox mode (the stand-in's address, the token it accepts) beats everything
        Map<String, Object> settings = generated(environment, port, SandboxSettings::freePort, SandboxSettings::randomHex);
        // sandbox.yml points the demo targets here; a migrations-dir set elsewhere outranks it
        String startHex = randomHex(4);
        Path examples = ExampleMigrations.directory(Path.of("migrations"),
                Path.of(System.getProperty("java.io.tmpdir"), "migrateops-sandbox", "migrations-" + startHex));
        settings.put("migrateops.sandbox.examples-dir", examples.toString());
        settings.put("migrateops.sandbox.git-repository", SandboxRepository.create(examples,
                Path.of(System.getProperty("java.io.tmpdir"), "migrateops-sandbox", "repository-" + startHex)).toString());
        sources.addFirst(new MapPropertySource(GENERATED_SOURCE, settings));
        String above = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        for (PropertySource<?> defaults : loadDefaults()) {
            if (sources.contains(above)) {
                sources.addAfter(above, defaults);
            } else {
                sources.addLast(defaults);
            }
            above = defaults.getName();
        }
    }

    /**
     * The settings made for this start.
     *
     * @param serverPort the port the bot listens on, where the stand-in lives too
     */
    static Map<String, Object> generated(PropertyResolver environment, int serverPort, IntSupplier freePort,
                                         IntFunction<String> randomHex) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("migrateops.slack.bot-token", "sandbox-bot-" + randomHex.apply(8));
        if (environment.getProperty("migrateops.slack.signing-secret", "").isBlank()) {
            settings.put("migrateops.slack.signing-secret", randomHex.apply(32));
        }
        settings.put("migrateops.slack.api-base-url", "http://127.0.0.1:" + serverPort + "/sandbox/api/");
        String datasource = environment.getProperty("spring.datasource.url", "");
        if (datasource.isBlank()) {
            int port = freePort.getAsInt();
            settings.put("migrateops.sandbox.embedded-port", port);
            settings.put("migrateops.sandbox.admin-url", "jdbc:postgresql://localhost:" + port + "/postgres");
            settings.put("migrateops.sandbox.database-url-prefix", "jdbc:postgresql://localhost:" + port + "/");
            settings.put("migrateops.sandbox.database-user", "postgres");
        } else {
            Properties url = Driver.parseURL(datasource, null);
            if (url == null) {
                throw new IllegalStateException("spring.datasource.url is not a PostgreSQL JDBC URL; sandbox mode needs "
                        + "PostgreSQL for its demo targets");
            }
            String host = url.getProperty("PGHOST").split(",")[0];
            String port = url.getProperty("PGPORT", "5432").split(",")[0];
            settings.put("migrateops.sandbox.admin-url", datasource);
            settings.put("migrateops.sandbox.database-url-prefix", "jdbc:postgresql://" + host + ":" + port + "/");
            settings.put("migrateops.sandbox.database-user",
                    environment.getProperty("spring.datasource.username", url.getProperty("user", "postgres")));
            String password = environment.getProperty("spring.datasource.password", url.getProperty("password", ""));
            settings.put("migrateops.sandbox.database-password", password);
        }
        return settings;
    }

    private static List<PropertySource<?>> loadDefaults() {
        try {
            return new YamlPropertySourceLoader().load("sandbox defaults (" + DEFAULTS + ")", new ClassPathResource(DEFAULTS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the sandbox", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
