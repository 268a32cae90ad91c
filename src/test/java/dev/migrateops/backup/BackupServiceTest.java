package dev.migrateops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.config.BackupProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.support.ClientTools;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.engine.TargetDatabase;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupServiceTest {

    @TempDir
    Path backups;

    private TestDatabase shop;
    private TargetDatabase target;
    private BackupService service;

    @BeforeEach
    void seededTarget() {
        ClientTools.assumeTheyCanDump(PostgresServer.get());
        shop = PostgresServer.get().createDatabase("backup").withDemoShop();
        target = new TargetDatabase("shop", shop.target(Path.of("migrations"), 1));
        service = new BackupService(new BackupProperties(backups, Duration.ofMinutes(5), BackupProperties.Switch.AUTO,
                BackupProperties.Switch.AUTO, 10, Duration.ofDays(30), ""), Clock.systemUTC());
    }

    @AfterEach
    void dropIt() {
        if (shop != null) { // null where the client tools cannot dump this server and the test was skipped
            target.close();
            shop.close();
        }
    }

    @Test
    void aBackupOfASeededTargetRestoresToIdenticalRowCountsAndSchema() throws Exception {
        BackupArtifact backup = service.take(target, 42L, BackupListener.NONE);

        assertThat(backup.path().getFileName().toString()).startsWith("shop-run42-").endsWith(".dump");
        assertThat(backup.sizeBytes()).isPositive();
        assertThat(backup.sha256()).matches("[0-9a-f]{64}");
        assertThat(backup.rowCounts()).containsEntry("public.product_sales", 10000L).containsEntry("public.cash_drawers", 200L);
        assertThat(Files.readString(backup.schemaPath())).contains("CREATE TABLE public.product_sales");

        Verification verification = service.verify(backup, target, true, Optional.empty());
        assertThat(verification.failures()).isEmpty();
        assertThat(verification.summary()).isEqualTo("restore check: row counts match (5 tables)");
        assertThat(PostgresServer.get().databasesNamedLike("migrateops\\_scratch\\_run42\\_%")).isZero();

        try (TestDatabase copy = PostgresServer.get().createDatabase("backup_copy")) {
            TargetDatabase copyTarget = new TargetDatabase("copy", copy.target(Path.of("migrations"), 1));
            service.restore(backup, copyTarget);
            copyTarget.close();
            assertThat(copy.schemaDump()).isEqualTo(shop.schemaDump());
            assertThat(copy.count("SELECT count(*) FROM product_sales")).isEqualTo(10000);
        }
    }

    @Test
    void aRestoreAlsoRemovesWhatWasCreatedAfterTheBackupAndIsAllOrNothing() throws Exception {
        BackupArtifact backup = service.take(target, null, BackupListener.NONE);
        String before = shop.schemaDump();
        shop.execute("CREATE SCHEMA migrateops; CREATE TABLE migrateops.schema_history (version text);"
                + " CREATE TABLE refunds (id int); ALTER TABLE product_sales ADD COLUMN refund_id int;"
                + " INSERT INTO product_sales (tenant_id, product_name, quantity, amount) VALUES (1, 'product 1', 1, 1)");
        String changed = shop.schemaDump();
        Path broken = backups.resolve("broken.dump");
        byte[] bytes = Files.readAllBytes(backup.path());
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        BackupArtifact brokenBackup = new BackupArtifact(1L, "shop", null, broken, backup.schemaPath(), bytes.length, "x",
                backup.rowCounts(), backup.changeCounts(), backup.createdAt(), null, null, null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.restore(brokenBackup, target))
                .isInstanceOf(BackupException.class);
        assertThat(shop.schemaDump()).isEqualTo(changed);
        assertThat(shop.count("SELECT count(*) FROM product_sales")).isEqualTo(10001);

        service.restore(backup, target);

        assertThat(shop.schemaDump()).isEqualTo(before);
        assertThat(shop.column("SELECT to_regclass('refunds')::text")).containsOnlyNulls();
        assertThat(shop.column("SELECT to_regnamespace('migrateops')::text")).containsOnlyNulls();
        assertThat(shop.count("SELECT count(*) FROM product_sales")).isEqualTo(10000);
    }

    @Test
    void aRestoreReturnsTheDatabaseToTheBackupsCatalogDroppingEveryKindOfObjectCreatedSinceAndSaysWhich() throws Exception {
        shop.execute("CREATE FUNCTION kept() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE TYPE kept_mood AS ENUM ('ok');");
        BackupArtifact backup = service.take(target, null, BackupListener.NONE);
        String before = shop.schemaDump();
        shop.execute("""
                CREATE EXTENSION IF NOT EXISTS citext;
                CREATE TYPE mood AS ENUM ('happy', 'sad');
                CREATE TYPE pair AS (a int, b int);
                CREATE TYPE floatrange AS RANGE (subtype = float8);
                CREATE DOMAIN price AS numeric(10,2) CHECK (VALUE >= 0);
                CREATE FUNCTION index_sales() RETURNS void LANGUAGE sql AS 'SELECT 1';
                CREATE FUNCTION add_tax(amount numeric, rate numeric) RETURNS numeric LANGUAGE sql AS 'SELECT amount * (1 + rate)';
                CREATE PROCEDURE archive_sales() LANGUAGE sql AS 'SELECT 1';
                CREATE AGGREGATE total_of(numeric) (sfunc = numeric_add, stype = numeric);
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
                CREATE TRIGGER sales_touch BEFORE UPDATE ON product_sales FOR EACH ROW EXECUTE FUNCTION touch();
                ALTER TABLE product_sales ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_only ON product_sales USING (tenant_id = 1);
                CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
                CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION on_ddl();
                CREATE SEQUENCE invoice_numbers;
                CREATE VIEW sales_by_tenant AS SELECT tenant_id, count(*) FROM product_sales GROUP BY tenant_id;
                CREATE MATERIALIZED VIEW sales_totals AS SELECT sum(amount) FROM product_sales;
                CREATE SCHEMA reporting;
                CREATE TABLE reporting.daily (day date, total numeric);
                DROP FUNCTION kept();
                """);

        Restored restored = service.restore(backup, target);

        assertThat(shop.schemaDump()).isEqualTo(before);
        assertThat(restored.removed()).contains("event trigger log_ddl", "trigger sales_touch on public.product_sales",
                "policy tenant_only on public.product_sales", "schema reporting", "sequence public.invoice_numbers",
                "view public.sales_by_tenant", "materialized view public.sales_totals", "function public.index_sales()",
                "function public.add_tax(amount numeric, rate numeric)", "procedure public.archive_sales()",
                "aggregate public.total_of(numeric)", "type public.mood", "type public.pair", "type public.floatrange",
                "domain public.price", "extension citext");
        assertThat(restored.removed()).noneMatch(what -> what.contains("kept"));
        assertThat(shop.column("SELECT count(*) FROM pg_event_trigger")).containsExactly("0");
    }

    /** Issue 24's shape: a foreign key added between two tables the backup holds, as the example migrations do. */
    @Test
    void aForeignKeyAddedSinceBetweenTablesOfTheBackupIsDroppedFirstAndTheRestoreIsExact() throws Exception {
        BackupArtifact backup = service.take(target, null, BackupListener.NONE);
        String before = shop.schemaDump();
        shop.execute("""
                ALTER TABLE product_sales ADD COLUMN product_id bigint;
                ALTER TABLE product_sales ADD CONSTRAINT product_sales_product_fk FOREIGN KEY (product_id) REFERENCES product_master (id);
                ALTER TABLE product_master ADD CONSTRAINT product_master_name_key UNIQUE (name);
                ALTER TABLE product_sales ADD CONSTRAINT product_sales_quantity_positive CHECK (quantity > 0) NOT VALID;
                """);

        Restored restored = service.restore(backup, target);

        assertThat(shop.schemaDump()).isEqualTo(before);
        assertThat(restored.removed()).contains("constraint product_sales_product_fk on public.product_sales",
                "constraint product_master_name_key on public.product_master");
    }

    /** Kinds of object a restore cannot remove stop it before it changes anything, and say which. */
    @Test
    void aRestoreThatCouldNotBeExactIsNotStarted() throws Exception {
        BackupArtifact backup = service.take(target, null, BackupListener.NONE);
        shop.execute("CREATE COLLATION german (provider = icu, locale = 'de-DE'); CREATE TABLE refunds (id int)");
        String before = shop.schemaDump();

        assertThatThrownBy(() -> service.restore(backup, target)).isInstanceOf(BackupException.class).hasMessage(
                "the restore was not started, as it could not be exact: shop holds what the backup does not and a restore"
                        + " cannot remove (collation public.german); drop that first");
        assertThat(shop.schemaDump()).isEqualTo(before);
    }

    /** What slips past both (a change of the public schema's comment, which --clean leaves alone) is named after it. */
    @Test
    void whatARestoreCouldNotUndoIsNamedByTheCheckAfterIt() throws Exception {
        BackupArtifact backup = service.take(target, null, BackupListener.NONE);
        shop.execute("COMMENT ON SCHEMA public IS 'changed by a run'; CREATE TABLE refunds (id int)");

        Restored restored = service.restore(backup, target);

        assertThat(restored.removed()).containsExactly("table public.refunds");
        assertThat(restored.differences()).singleElement().asString().startsWith("comment SCHEMA public");
    }

    @Test
    void aCorruptedOrTruncatedDumpFailsVerification() throws Exception {
        BackupArtifact backup = service.take(target, null, BackupListener.NONE);
        byte[] original = Files.readAllBytes(backup.path());

        try (RandomAccessFile file = new RandomAccessFile(backup.path().toFile(), "rw")) {
            file.seek(original.length / 2);
            file.write(new byte[] {1, 2, 3, 4});
        }
        assertThat(service.verify(backup, target, true, Optional.empty()).failures())
                .containsExactly("the backup file changed after it was written (sha256 differs)");

        // a dump that was already broken when written: the checksum matches, pg_restore does not
        Files.write(backup.path(), java.util.Arrays.copyOf(original, original.length / 3));
        BackupArtifact truncated = new BackupArtifact(backup.id(), backup.target(), backup.runId(), backup.path(),
                backup.schemaPath(), Files.size(backup.path()), BackupService.sha256(backup.path()), backup.rowCounts(),
                backup.changeCounts(), backup.createdAt(), null, null, backup.stderr());
        Verification verification = service.verify(truncated, target, true, Optional.empty());
        assertThat(verification.passed()).isFalse();
        assertThat(verification.failures()).singleElement().asString().containsAnyOf("pg_restore cannot read it", "restore check failed");

        Files.write(backup.path(), new byte[0]);
        assertThat(service.verify(truncated, target, true, Optional.empty()).failures()).singleElement().asString()
                .contains("missing or empty");
    }

    @Test
    void aFailingRehearsalFailsTheVerificationAndItsScratchCopyIsDropped() {
        BackupArtifact backup = service.take(target, 7L, BackupListener.NONE);

        Verification verification = service.verify(backup, target, true, Optional.of(copy -> {
            assertThat(copy.database()).startsWith("migrateops_scratch_");
            throw new BackupException("23505 duplicate key at 20251206091000_product_sales_fk.sql:4");
        }));

        assertThat(verification.passed()).isFalse();
        assertThat(verification.failures()).containsExactly("rehearsal failed: 23505 duplicate key at 20251206091000_product_sales_fk.sql:4");
    }

    @Test
    void thePasswordTravelsInTheEnvironmentNeverOnTheCommandLine() {
        TargetProperties withSecret = TargetProperties.of("jdbc:postgresql://db.internal:6432/app?sslmode=require", "migrator",
                "s3cret-pw", Path.of("migrations"), "C0", 1);
        PgConnection pg = PgConnection.of(withSecret);

        assertThat(pg.args()).doesNotContain("s3cret-pw").containsSequence("-h", "db.internal", "-p", "6432", "-U", "migrator");
        assertThat(pg.environment()).containsEntry("PGPASSWORD", "s3cret-pw");
        assertThat(pg.toString()).doesNotContain("s3cret-pw").doesNotContain("migrator");
        assertThat(pg.withDatabase("scratch").jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/scratch?sslmode=require");
    }
}
