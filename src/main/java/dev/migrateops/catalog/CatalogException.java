package dev.migrateops.catalog;

/** A migrations directory or file that cannot be used as it is; the message says what to fix. */
public class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
