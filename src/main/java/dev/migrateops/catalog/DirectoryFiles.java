package dev.migrateops.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Migration files in a directory on the bot's disk. */
public record DirectoryFiles(Path root) implements MigrationFiles {

    /** Deep enough for Prisma's {@code prisma/migrations/<name>/migration.sql} below a project's root. */
    private static final int DEPTH = 8;

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public List<String> list() {
        if (!Files.isDirectory(root)) {
            throw new CatalogException("migrations directory '" + root + "' does not exist or is not a directory");
        }
        try (Stream<Path> files = Files.walk(root, DEPTH)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".") && !p.contains("/."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new CatalogException("cannot list migrations directory '" + root + "': " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(String path) {
        try {
            return Files.readAllBytes(root.resolve(path));
        } catch (IOException e) {
            throw new CatalogException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
