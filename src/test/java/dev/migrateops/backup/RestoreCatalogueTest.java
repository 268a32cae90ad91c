package dev.migrateops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.config.BackupProperties;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.support.ClientTools;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 24's catalogue: every shape of change a run makes, applied to the demo shop after its backup, then rolled
 * back by restore. Each must come back exactly: the same schema ({@code pg_dump --schema-only}, grants and comments
 * included) and the same rows in every table (a checksum of each table's rows, not only their count).
 */
class RestoreCatalogueTest {

    /** A change: what the database held before the backup (beyond the demo shop), and what the run then did. */
    record Shape(String name, String before, String change) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String ROLES = """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'authenticated') THEN CREATE ROLE authenticated NOLOGIN; END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'anon') THEN CREATE ROLE anon NOLOGIN; END IF;
            END $$;
            """;

    static Stream<Shape> shapes() {
        return Stream.of(
                new Shape("foreign key added between existing tables (runbook 000)", "", """
                        ALTER TABLE product_sales ADD COLUMN product_id bigint;
                        UPDATE product_sales s SET product_id = m.id FROM product_master m WHERE m.name = s.product_name;
                        ALTER TABLE product_master ADD CONSTRAINT product_master_name_key UNIQUE (tenant_id, name);
                        ALTER TABLE product_sales ADD CONSTRAINT product_sales_product_fk FOREIGN KEY (product_id)
                          REFERENCES product_master (id) NOT VALID;
                        ALTER TABLE product_sales VALIDATE CONSTRAINT product_sales_product_fk;
                        """),
                new Shape("foreign key changed to ON DELETE SET NULL", "", """
                        ALTER TABLE cash_drawers DROP CONSTRAINT cash_drawers_opened_by_id_fkey;
                        ALTER TABLE cash_drawers ADD CONSTRAINT cash_drawers_opened_by_id_fkey FOREIGN KEY (opened_by_id)
                          REFERENCES users (id) ON DELETE SET NULL;
                        """),
                new Shape("column type changed (runbook 004: float to numeric)", "", """
                        ALTER TABLE product_sales ALTER COLUMN amount TYPE numeric(12, 2);
                        ALTER TABLE product_master ALTER COLUMN price TYPE numeric(12, 2);
                        """),
                new Shape("NOT NULL added after a backfill", "", """
                        UPDATE cash_drawers SET opened_by_id = (SELECT min(id) FROM users) WHERE opened_by_id IS NULL;
                        ALTER TABLE cash_drawers ALTER COLUMN opened_by_id SET NOT NULL;
                        """),
                new Shape("data backfilled, deleted and inserted", "", """
                        UPDATE product_sales SET status = 'archived' WHERE id % 3 = 0;
                        DELETE FROM product_sales WHERE id % 7 = 0;
                        INSERT INTO product_sales (tenant_id, product_name, quantity, amount) VALUES (1, 'late', 1, 9.5);
                        """),
                new Shape("a view on an existing table, and a view of the backup replaced",
                        "CREATE VIEW sales_per_tenant AS SELECT tenant_id, count(*) AS sales FROM product_sales GROUP BY tenant_id;", """
                        CREATE VIEW open_drawers AS SELECT * FROM cash_drawers WHERE status = 'open';
                        CREATE OR REPLACE VIEW sales_per_tenant AS SELECT tenant_id, count(*) AS sales, sum(amount) AS total
                          FROM product_sales GROUP BY tenant_id;
                        CREATE MATERIALIZED VIEW sales_totals AS SELECT tenant_id, sum(amount) FROM product_sales GROUP BY 1;
                        """),
                new Shape("a trigger on an existing table (runbook 003)", "", """
                        ALTER TABLE product_sales ADD COLUMN updated_at timestamptz;
                        CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS
                          'BEGIN NEW.updated_at := now(); RETURN NEW; END';
                        CREATE TRIGGER product_sales_touch BEFORE UPDATE ON product_sales FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
                        UPDATE product_sales SET quantity = quantity + 1 WHERE id < 50;
                        """),
                new Shape("the phased Supabase RLS rollout (runbook 001): policies, grants, an auth function", ROLES + """
                        CREATE SCHEMA auth;
                        CREATE FUNCTION auth.uid() RETURNS bigint LANGUAGE sql STABLE AS
                          $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::bigint $$;
                        GRANT USAGE ON SCHEMA public TO authenticated, anon;
                        GRANT SELECT ON tenants TO anon;
                        """, """
                        ALTER TABLE users ENABLE ROW LEVEL SECURITY;
                        CREATE POLICY users_own_row ON users FOR SELECT TO authenticated USING (id = auth.uid());
                        ALTER TABLE product_sales ENABLE ROW LEVEL SECURITY;
                        ALTER TABLE product_sales FORCE ROW LEVEL SECURITY;
                        CREATE POLICY sales_of_tenant ON product_sales TO authenticated
                          USING (tenant_id IN (SELECT tenant_id FROM users WHERE id = auth.uid()));
                        GRANT SELECT, INSERT ON product_sales TO authenticated;
                        REVOKE SELECT ON tenants FROM anon;
                        CREATE INDEX users_tenant_idx ON users (tenant_id);
                        """),
                new Shape("partitions attached, detached and created", """
                        CREATE TABLE sales_archive (id bigint, sold_at date NOT NULL) PARTITION BY RANGE (sold_at);
                        CREATE TABLE sales_archive_2024 PARTITION OF sales_archive FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                        CREATE TABLE sales_archive_2025 (id bigint, sold_at date NOT NULL);
                        INSERT INTO sales_archive VALUES (1, '2024-05-01');
                        INSERT INTO sales_archive_2025 VALUES (2, '2025-05-01');
                        """, """
                        ALTER TABLE sales_archive DETACH PARTITION sales_archive_2024;
                        ALTER TABLE sales_archive ATTACH PARTITION sales_archive_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                        CREATE TABLE sales_archive_2026 PARTITION OF sales_archive FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
                        INSERT INTO sales_archive VALUES (3, '2026-02-01');
                        """),
                new Shape("an enum value added to a type in use", """
                        CREATE TYPE drawer_status AS ENUM ('open', 'closed');
                        ALTER TABLE cash_drawers ALTER COLUMN status DROP DEFAULT;
                        ALTER TABLE cash_drawers ALTER COLUMN status TYPE drawer_status USING status::drawer_status;
                        """, "ALTER TYPE drawer_status ADD VALUE 'counted';"),
                new Shape("an extension created and used by an index on an existing table", "", """
                        CREATE EXTENSION pg_trgm;
                        CREATE INDEX product_sales_name_trgm ON product_sales USING gin (product_name gin_trgm_ops);
                        """),
                new Shape("a sequence owned by a column, and an identity column", "", """
                        CREATE SEQUENCE receipt_numbers OWNED BY product_sales.id;
                        ALTER TABLE product_sales ADD COLUMN receipt_no bigint DEFAULT nextval('receipt_numbers');
                        ALTER TABLE tenants ADD COLUMN code bigint GENERATED BY DEFAULT AS IDENTITY;
                        SELECT setval(pg_get_serial_sequence('users', 'id'), 5000);
                        """),
                new Shape("a table renamed", "", """
                        ALTER TABLE cash_drawers RENAME TO tills;
                        ALTER TABLE tills RENAME COLUMN opened_by_id TO opened_by;
                        """),
                new Shape("a column dropped", "", "ALTER TABLE product_sales DROP COLUMN status;"),
                new Shape("indexes added (runbook 000), one of the backup's replaced",
                        "CREATE INDEX product_sales_tenant_idx ON product_sales (tenant_id);", """
                        DROP INDEX product_sales_tenant_idx;
                        CREATE INDEX product_sales_tenant_idx ON product_sales (tenant_id, created_at);
                        CREATE UNIQUE INDEX product_master_tenant_name ON product_master (tenant_id, name);
                        """),
                new Shape("comments, grants and a publication", ROLES + "COMMENT ON TABLE tenants IS 'who pays';", """
                        COMMENT ON TABLE tenants IS 'who pays, per month';
                        COMMENT ON COLUMN product_sales.amount IS 'in cents';
                        GRANT SELECT ON ALL TABLES IN SCHEMA public TO anon;
                        GRANT USAGE, CREATE ON SCHEMA public TO anon;
                        CREATE PUBLICATION sales_feed FOR TABLE product_sales, tenants;
                        """),
                new Shape("Prisma's optimisations (runbook 004): history table, cascade, renamed index", "", """
                        CREATE TABLE "_prisma_migrations" (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL,
                          migration_name varchar(255) NOT NULL, finished_at timestamptz);
                        INSERT INTO "_prisma_migrations" VALUES ('1', 'abc', '20251206_init', now());
                        ALTER TABLE users DROP CONSTRAINT users_tenant_id_fkey;
                        ALTER TABLE users ADD CONSTRAINT users_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE;
                        ALTER INDEX users_pkey RENAME TO "Users_pkey";
                        CREATE TYPE "Role" AS ENUM ('OWNER', 'STAFF');
                        ALTER TABLE users ADD COLUMN role "Role" NOT NULL DEFAULT 'STAFF';
                        """));
    }

    @TempDir
    Path backups;

    /** Each shape's restore time, per major version of the server: target/restore-catalogue-postgres-15.txt. */
    private static Path times() {
        return Path.of("target", "restore-catalogue-postgres-" + ClientTools.serverMajor(PostgresServer.get()) + ".txt");
    }

    @BeforeAll
    static void freshTimes() throws IOException {
        Files.deleteIfExists(times());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void aRunsChangeIsUndoneExactlyByARestore(Shape shape) throws IOException {
        ClientTools.assumeTheyCanDump(PostgresServer.get());
        try (TestDatabase shop = PostgresServer.get().createDatabase("catalogue").withDemoShop()) {
            if (!shape.before().isBlank()) {
                shop.execute(shape.before());
            }
            TargetDatabase target = new TargetDatabase("shop", shop.target(Path.of("migrations"), 1));
            BackupService service = new BackupService(new BackupProperties(backups, Duration.ofMinutes(5),
                    BackupProperties.Switch.AUTO, BackupProperties.Switch.AUTO, 10, Duration.ofDays(30), ""), Clock.systemUTC());
            BackupArtifact backup = service.take(target, null, BackupListener.NONE);
            String schema = shop.schemaDump();
            Map<String, String> rows = rowChecksums(shop);
            shop.execute(shape.change());
            assertThat(shop.schemaDump()).as("the change changed the schema or rows").satisfiesAnyOf(
                    changed -> assertThat(changed).isNotEqualTo(schema), changed -> assertThat(rowChecksums(shop)).isNotEqualTo(rows));

            Restored restored = service.restore(backup, target);
            target.close();

            assertThat(shop.schemaDump()).isEqualTo(schema);
            assertThat(rowChecksums(shop)).isEqualTo(rows);
            assertThat(restored.differences()).isEmpty();
            Files.writeString(times(), "restore  %-90s %6d ms%n".formatted(shape.name(),
                    restored.took().toMillis()), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** Per table of the user's schemas, an md5 over its rows in a stable order. */
    private static Map<String, String> rowChecksums(TestDatabase db) {
        Map<String, String> sums = new TreeMap<>();
        for (String table : db.column("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'migrateops')"
                + " AND n.nspname NOT LIKE 'pg\\_toast%'")) {
            sums.put(table, db.column("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + table + " t").get(0));
        }
        return sums;
    }
}
