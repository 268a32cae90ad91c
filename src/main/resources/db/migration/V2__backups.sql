-- Backup artifacts: where they are, what they hold, whether they were proven to restore.
CREATE TABLE backups (
    id            bigserial PRIMARY KEY,
    target        text        NOT NULL,
    run_id        bigint REFERENCES runs (id),
    path          text        NOT NULL,
    schema_path   text        NOT NULL,
    size_bytes    bigint      NOT NULL,
    sha256        text        NOT NULL,
    row_counts    jsonb       NOT NULL,
    change_counts jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    verified_at   timestamptz,
    restore_check text,
    pg_dump_stderr text,
    deleted_at    timestamptz
);
CREATE INDEX backups_target ON backups (target, created_at DESC) WHERE deleted_at IS NULL;
