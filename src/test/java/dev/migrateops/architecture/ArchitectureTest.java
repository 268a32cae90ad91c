package dev.migrateops.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows of DESIGN.md: the front ends (Slack, command line) at the edge, the domain beneath them
 * knowing nothing of Slack, and the sandbox speaking to the bot only through its settings and HTTP.
 */
class ArchitectureTest {

    static final String[] DOMAIN = {"run", "cadence", "engine", "backup", "trace", "lint", "catalog", "audit", "config", "worker", "text",
        "policy"};
    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.migrateops");

    @Test
    void importsFlowOneWayFromTheFrontEndsDownToCatalogAndConfig() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("front ends").definedBy("dev.migrateops.slack..", "dev.migrateops.cli..", "dev.migrateops.metrics..")
                .layer("sandbox").definedBy("dev.migrateops.sandbox..")
                .layer("cadence").definedBy("dev.migrateops.cadence..")
                .layer("run").definedBy("dev.migrateops.run..")
                .layer("backup, trace and lint").definedBy("dev.migrateops.backup..", "dev.migrateops.trace..", "dev.migrateops.lint..")
                .layer("engine").definedBy("dev.migrateops.engine..")
                .layer("audit").definedBy("dev.migrateops.audit..")
                .layer("policy").definedBy("dev.migrateops.policy..")
                .layer("foundations").definedBy("dev.migrateops.catalog..", "dev.migrateops.config..", "dev.migrateops.worker..",
                        "dev.migrateops.text..")
                .whereLayer("front ends").mayNotBeAccessedByAnyLayer()
                .whereLayer("sandbox").mayNotBeAccessedByAnyLayer()
                .whereLayer("cadence").mayOnlyBeAccessedByLayers("front ends")
                .whereLayer("run").mayOnlyBeAccessedByLayers("front ends", "cadence")
                .whereLayer("backup, trace and lint").mayOnlyBeAccessedByLayers("front ends", "cadence", "run")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("front ends", "cadence", "run", "backup, trace and lint")
                .whereLayer("audit").mayOnlyBeAccessedByLayers("front ends", "cadence", "run", "backup, trace and lint", "policy")
                .whereLayer("policy").mayOnlyBeAccessedByLayers("front ends", "cadence", "run")
                .check(CLASSES);
    }

    @Test
    void theDomainImportsNothingOfSlackNorOfTheFrontEnds() {
        noClasses().that().resideInAnyPackage(packages(DOMAIN))
                .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "dev.migrateops.slack..", "dev.migrateops.cli..",
                        "dev.migrateops.sandbox..")
                .check(CLASSES);
    }

    @Test
    void theSandboxUsesOnlyTheBotsSettings() {
        noClasses().that().resideInAPackage("dev.migrateops.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage(packages("slack", "cli", "run", "cadence", "engine", "backup",
                        "trace", "lint", "catalog", "audit", "worker", "text"))
                .check(CLASSES);
    }

    /** Emoji, mentions, mrkdwn links and /migrate hints are the Slack adapter's words, never the domain's. */
    @Test
    void theDomainSpeaksNoSlack() throws IOException {
        Pattern slackWording = Pattern.compile("[\\x{1F300}-\\x{1FAFF}\\x{2600}-\\x{27BF}\\x{2B00}-\\x{2BFF}]|<@|<!subteam|<!date|/migrate");
        List<String> offending;
        try (Stream<Path> files = Stream.of(DOMAIN).map(p -> Path.of("src/main/java/dev/migrateops", p)).filter(Files::isDirectory)
                .flatMap(ArchitectureTest::javaFiles)) {
            offending = files.flatMap(file -> lines(file).filter(line -> slackWording.matcher(line).find())
                    .map(line -> file + ": " + line.strip())).toList();
        }
        assertThat(offending).isEmpty();
    }

    private static String[] packages(String... names) {
        return Stream.of(names).map(name -> "dev.migrateops." + name + "..").toArray(String[]::new);
    }

    private static Stream<Path> javaFiles(Path dir) {
        try {
            return Files.walk(dir).filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
