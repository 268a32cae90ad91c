package dev.migrateops.catalog;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed SQL file: its statements and the way it must run.
 *
 * @param file       the file it came from, relative to its source's root, for messages
 * @param statements its statements in order, without a wrapping BEGIN/COMMIT
 * @param mode       one transaction, or statement by statement
 */
public record SqlScript(Path file, List<SqlStatement> statements, TransactionMode mode) {

    public SqlScript {
        statements = List.copyOf(statements);
    }

    /** The file's path below its source's root: its name, for MigrateOps' own layout. */
    public String fileName() {
        return file.toString().replace('\\', '/');
    }

    /** "file:line", the way people find a statement. */
    public String locate(SqlStatement statement) {
        return fileName() + ":" + statement.line();
    }
}
