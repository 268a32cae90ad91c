-- The demo shop the example migrations are written for (point of sale, multi-tenant), as it was
-- before MigrateOps: load it into an empty database, then apply the migrations in ../
CREATE TABLE tenants (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE users (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    email     text NOT NULL
);

CREATE TABLE product_master (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    name      text NOT NULL,
    price     double precision NOT NULL
);

CREATE TABLE product_sales (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    bigint NOT NULL,
    product_name text NOT NULL,
    status       text NOT NULL DEFAULT 'completed',
    quantity     integer NOT NULL,
    amount       double precision NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cash_drawers (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    bigint NOT NULL,
    opened_by_id bigint CONSTRAINT cash_drawers_opened_by_id_fkey REFERENCES users (id) ON DELETE RESTRICT,
    status       text NOT NULL DEFAULT 'open',
    opened_at    timestamptz NOT NULL DEFAULT now()
);
