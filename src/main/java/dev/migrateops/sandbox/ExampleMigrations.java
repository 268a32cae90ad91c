package dev.migrateops.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The example migrations and the demo shop they are written for: {@code ./migrations} when MigrateOps
 * starts in its repository (so they can be edited and tried), otherwise the copy the jar carries
 * ({@code classpath:sandbox/migrations/}), unpacked into a directory of its own.
 */
final class ExampleMigrations {

    private static final String PACKAGED = "sandbox/migrations/";

    private ExampleMigrations() {
    }

    static Path directory(Path workingCopy, Path unpackInto) {
        if (Files.isRegularFile(workingCopy.resolve("demo").resolve("schema.sql"))) {
            return workingCopy;
        }
        try {
            Files.createDirectories(unpackInto);
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:" + PACKAGED + "**/*.sql")) {
                String url = resource.getURL().toString();
                Path file = unpackInto.resolve(url.substring(url.lastIndexOf(PACKAGED) + PACKAGED.length()));
                Files.createDirectories(file.getParent());
                try (InputStream in = resource.getInputStream()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the example migrations into " + unpackInto, e);
        }
        return unpackInto;
    }
}
