package dev.migrateops.lint;

/** The linter's rules, by the id findings carry and {@code -- migrateops:allow} names. */
enum RuleId {
    TRANSACTION_CONTROL("transaction-control"),
    CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction"),
    ENUM_VALUE_USED_SAME_TRANSACTION("enum-value-used-same-transaction"),
    CREATE_NOT_IDEMPOTENT("create-not-idempotent"),
    INT_KEY_OVERFLOW("int-key-overflow"),
    CONCURRENTLY_ON_PARTITIONED_TABLE("concurrently-on-partitioned-table"),
    INDEX_NOT_CONCURRENT("index-not-concurrent"),
    DROP_INDEX_NOT_CONCURRENT("drop-index-not-concurrent"),
    CONSTRAINT_NOT_VALID("constraint-not-valid"),
    VALIDATE_IN_SAME_TRANSACTION("validate-in-same-transaction"),
    TABLE_REWRITE("table-rewrite"),
    DETACH_PARTITION_NOT_CONCURRENT("detach-partition-not-concurrent"),
    UNIQUE_WITHOUT_INDEX("unique-without-index"),
    SET_NOT_NULL("set-not-null"),
    ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT("add-column-not-null-without-default"),
    ADD_COLUMN_VOLATILE_DEFAULT("add-column-volatile-default"),
    ALTER_COLUMN_TYPE("alter-column-type"),
    DESTRUCTIVE("destructive"),
    RENAME("rename"),
    DML_WITHOUT_WHERE("dml-without-where"),
    BACKFILL_IN_DDL_TRANSACTION("backfill-in-ddl-transaction"),
    BLOCKING_MAINTENANCE("blocking-maintenance"),
    NO_LOCK_TIMEOUT("no-lock-timeout"),
    UNRECOGNISED_STATEMENT("unrecognised-statement"),
    UNPARSEABLE("unparseable"),
    VALIDATED_UNDER_LOCK("validated-under-lock"),
    INDEX_BUILT_IN_PLACE("index-built-in-place"),
    FAILS_ON_SCHEMA_COPY("fails-on-schema-copy"),
    UNREADABLE_MIGRATION("unreadable-migration");

    private final String id;

    RuleId(String id) {
        this.id = id;
    }

    /** As written in findings and in {@code -- migrateops:allow}: {@code index-not-concurrent}. */
    public String id() {
        return id;
    }
}
