package dev.migrateops.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A target's schema as {@code pg_dump --schema-only} wrote it (no data, no owners, no grants, no comments), with the
 * extensions it needs and a fingerprint: two dumps of the same schema have the same {@link #sha256()}. Deleted on close.
 *
 * @param serverMajor the target server's major version: the copy must be loaded into one of the same
 * @param roles       the target's roles (not the built-in ones): the copy's policies and the migrations' grants name them
 */
public record SchemaDump(Path file, String sha256, List<Extension> extensions, int serverMajor, List<String> roles)
        implements AutoCloseable {

    /** An extension the schema uses, and the schema it lives in. */
    public record Extension(String name, String schema) {
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a schema without data, in the temporary directory: nothing secret is left behind
        }
    }
}
