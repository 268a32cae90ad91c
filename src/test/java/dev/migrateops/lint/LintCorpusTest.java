package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A labelled corpus (src/test/resources/lint-corpus), one file per hazard that squawk, strong_migrations, Eugene and
 * Atlas name, and one safe way for most: each file's first line says what the linter must find,
 * {@code -- expect: <rule>} for a file that would hurt a live database, {@code -- expect: clean} for one that must
 * pass (no error, nothing unrecognised). Without a live target, sizes are unknown and count as big. The same
 * files were run through squawk-cli 2.66.0 for the comparison in the notes.
 */
class LintCorpusTest {

    private static final Path CORPUS = Path.of("src", "test", "resources", "lint-corpus");
    private static final String CLEAN = "clean";

    private final MigrationLinter linter = new MigrationLinter();

    static Stream<Arguments> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().map(file -> {
                try {
                    String first = Files.readAllLines(file).get(0);
                    assertThat(first).as(file + " says what it expects on its first line").startsWith("-- expect: ");
                    return Arguments.of(file.getFileName().toString(), first.substring("-- expect: ".length()).strip());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("corpus")
    void eachFileGetsTheFindingItIsLabelledWith(String file, String expected) throws IOException {
        List<Finding> findings = linter.lint(file, Files.readString(CORPUS.resolve(file)), TableFacts.UNKNOWN).findings();

        if (expected.equals(CLEAN)) {
            assertThat(findings).as(file + " is safe").noneMatch(f -> f.blocking() || f.rule().equals(RuleId.UNRECOGNISED_STATEMENT.id()));
        } else {
            assertThat(findings).as(file + " must be reported as " + expected).extracting(Finding::rule).contains(expected);
        }
    }
}
