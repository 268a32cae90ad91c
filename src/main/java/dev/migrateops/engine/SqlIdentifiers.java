package dev.migrateops.engine;

/** Quoting for names MigrateOps reads from the catalog and puts back into SQL. */
final class SqlIdentifiers {

    private SqlIdentifiers() {
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
