package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A labelled corpus (src/test/resources/lint-corpus): {@code d*.sql} would hurt a live database and must be
 * blocked; {@code s*.sql} is the safe way and must not be. Without a live target, sizes are unknown.
 * The same files were run through squawk 2.66.0 for the comparison in the notes.
 */
class LintCorpusTest {

    private final MigrationLinter linter = new MigrationLinter();

    @Test
    void everyDangerousFileIsBlockedAndNoSafeOneIs() throws Exception {
        List<String> missed = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "lint-corpus"))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                boolean blocked = !linter.lint(name, Files.readString(file), TableFacts.UNKNOWN).blocking().isEmpty();
                if (name.startsWith("d") && !blocked) {
                    missed.add(name);
                } else if (name.startsWith("s") && blocked) {
                    falseAlarms.add(name);
                }
            }
        }
        assertThat(missed).isEmpty();
        assertThat(falseAlarms).isEmpty();
    }
}
