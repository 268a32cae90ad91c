package dev.migrateops.lint;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lints the up files of migrations, in version order. */
public final class DirectoryLinter {

    private static final Logger log = LoggerFactory.getLogger(DirectoryLinter.class);

    private final MigrationLinter linter = new MigrationLinter();

    public LintReport lint(MigrationCatalog catalog, TableFacts facts) {
        return lint(catalog.migrations(), facts);
    }

    public LintReport lint(Collection<Migration> migrations, TableFacts facts) {
        log.debug("linting {} migrations", migrations.size());
        List<Finding> findings = new ArrayList<>();
        for (Migration migration : migrations) {
            try {
                findings.addAll(linter.lint(migration.up().fileName(), Files.readString(migration.up().file()), facts).findings());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + migration.up().fileName(), e);
            }
        }
        return new LintReport(findings);
    }
}
