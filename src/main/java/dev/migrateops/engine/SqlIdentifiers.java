package dev.migrateops.engine;

/** Quoting for names MigrateOps reads from the catalog and puts back into SQL. */
public final class SqlIdentifiers {

    private SqlIdentifiers() {
    }

    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
