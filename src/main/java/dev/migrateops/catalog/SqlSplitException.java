package dev.migrateops.catalog;

/** A script that cannot be split into statements MigrateOps can run; the message names the line. */
public class SqlSplitException extends CatalogException {
    private final int line;

    public SqlSplitException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
