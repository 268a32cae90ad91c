package dev.migrateops.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo shop of {@code migrations/demo}: the schema and data the example migrations are written for. */
record DemoShop(Path directory) {

    /** The schema, then the data, as one script; read before any database is made for it. */
    String script() {
        return read("schema.sql") + "\n" + read("data.sql");
    }

    private String read(String file) {
        Path path = directory.resolve(file);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("sandbox mode loads its demo targets from " + path.toAbsolutePath()
                    + ", which cannot be read; start MigrateOps from the repository's root", e);
        }
    }
}
