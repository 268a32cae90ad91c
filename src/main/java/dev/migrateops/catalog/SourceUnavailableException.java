package dev.migrateops.catalog;

/** A git source could not be fetched or a ref not resolved: nothing is read, never an older checkout. */
class SourceUnavailableException extends CatalogException {

    public SourceUnavailableException(String message) {
        super(message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
