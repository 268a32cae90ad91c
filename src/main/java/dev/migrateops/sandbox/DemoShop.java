package dev.migrateops.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The demo shop of {@code migrations/demo}: the schema and data the example migrations are written for. */
record DemoShop(Path directory) {

    void loadInto(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(read("schema.sql"));
            statement.execute(read("data.sql"));
        }
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
