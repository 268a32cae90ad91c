package dev.migrateops.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationReader;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.Tracers;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.trace.StatementTrace.LockTaken;
import dev.migrateops.trace.StatementTrace.TableRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example migrations tried on a copy of the demo shop's schema: what PostgreSQL did, statement by statement. */
class MigrationTracerTest {

    private static final TableRef SALES = new TableRef("public.product_sales", "public.product_sales");
    private static final TableRef MASTER = new TableRef("public.product_master", "public.product_master");

    private final MigrationTracer tracer = Tracers.onThisMachine();
    private final List<Migration> examples = new MigrationReader().read(Path.of("migrations")).migrations();

    /** The copy is made with pg_dump: of a server newer than it, the trace says so (see the test at the end). */
    @org.junit.jupiter.api.BeforeEach
    void toolsThatCanDumpTheTarget(org.junit.jupiter.api.TestInfo test) {
        if (!test.getTestMethod().orElseThrow().getName().startsWith("aServerNewerThan")) {
            dev.migrateops.support.ClientTools.assumeTheyCanDump(PostgresServer.get());
        }
    }

    @Test
    void eachStatementIsTracedOnACopyThatIsDroppedAfterwardsAndTheTargetIsUntouched() {
        try (TestDatabase shop = PostgresServer.get().createDatabase("tracer_examples").withDemoShop();
             TargetDatabase target = new TargetDatabase("shop", shop.target(Path.of("migrations"), 0))) {
            String schemaBefore = shop.schemaDump();
            long copiesBefore = PostgresServer.get().databasesNamedLike("migrateops\\_scratch\\_schema\\_%");

            Trace trace = tracer.trace(target, examples);

            assertThat(trace.ran()).isTrue();
            assertThat(trace.migrations()).extracting(MigrationTrace::outcome).containsExactly(MigrationTrace.Outcome.NOT_TRANSACTIONAL,
                    MigrationTrace.Outcome.TRACED, MigrationTrace.Outcome.TRACED, MigrationTrace.Outcome.TRACED, MigrationTrace.Outcome.TRACED);
            StatementTrace unique = trace.at("20251206091000_product_sales_fk.sql:5").orElseThrow();
            assertThat(unique.indexesBuilt()).containsExactly(new StatementTrace.IndexBuilt("public.product_master_name_key", MASTER));
            StatementTrace notValid = trace.at("20251206091000_product_sales_fk.sql:7").orElseThrow();
            assertThat(notValid.locks()).contains(new LockTaken(SALES, LockMode.SHARE_ROW_EXCLUSIVE));
            assertThat(notValid.validated()).isEmpty();
            StatementTrace validate = trace.at("20251206092000_validate_product_sales_fk.sql:3").orElseThrow();
            assertThat(validate.validated()).isEmpty();
            assertThat(validate.strongestOn(SALES)).contains(LockMode.SHARE_UPDATE_EXCLUSIVE);
            StatementTrace retype = trace.migrations().get(4).statements().get(0);
            assertThat(retype.rewritten()).containsExactly(SALES);
            assertThat(retype.strongestOn(SALES)).contains(LockMode.ACCESS_EXCLUSIVE);

            assertThat(PostgresServer.get().databasesNamedLike("migrateops\\_scratch\\_schema\\_%")).isEqualTo(copiesBefore);
            assertThat(shop.schemaDump()).isEqualTo(schemaBefore);
        }
    }

    @Test
    void aStatementOverTheTimeLimitIsNotJudgedAndSaysSo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("20260101000000_slow.sql"), "CREATE TABLE marker (id int);\nSELECT pg_sleep(30);\n");
        try (TestDatabase shop = PostgresServer.get().createDatabase("tracer_slow").withDemoShop();
             TargetDatabase target = new TargetDatabase("shop", shop.target(dir, 0))) {
            Trace trace = tracer.trace(target, new MigrationReader().read(dir).migrations());

            assertThat(trace.migrations()).singleElement().satisfies(m -> {
                assertThat(m.outcome()).isEqualTo(MigrationTrace.Outcome.TIMED_OUT);
                assertThat(m.failedAt()).isEqualTo("20260101000000_slow.sql:2");
            });
            assertThat(TraceSummary.of(trace).status()).isEqualTo(dev.migrateops.engine.PreCheck.Status.WARN);
            assertThat(TraceSummary.of(trace).detail()).contains("after 5 s on an empty copy", "not traced");
        }
    }

    @Test
    void aTableLockedByARunningMigrationStopsTheCopyInsteadOfHoldingUpThePlan() throws Exception {
        try (TestDatabase shop = PostgresServer.get().createDatabase("tracer_locked").withDemoShop();
             TargetDatabase target = new TargetDatabase("shop", shop.target(Path.of("migrations"), 0));
             java.sql.Connection migration = shop.connect()) {
            migration.setAutoCommit(false);
            migration.createStatement().execute("LOCK TABLE product_sales IN ACCESS EXCLUSIVE MODE");

            Trace trace = tracer.trace(target, examples);

            assertThat(trace.ran()).isFalse();
            assertThat(trace.notRunBecause()).contains("LOCK TABLE public.product_sales");
            migration.rollback();
        }
    }

    @Test
    void aMigrationThatNeedsMoreThanTheCopysOwnerMayDoIsSaidNotTracedAndNothingOutlivesTheTrace(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("20260101000000_reader.sql"), "CREATE ROLE mo_traced_reader NOLOGIN;\n"
                + "GRANT SELECT ON product_sales TO mo_traced_reader;\n");
        try (TestDatabase shop = PostgresServer.get().createDatabase("tracer_roles").withDemoShop();
             TargetDatabase target = new TargetDatabase("shop", shop.target(dir, 0))) {
            Trace trace = tracer.trace(target, new MigrationReader().read(dir).migrations());

            assertThat(trace.migrations()).extracting(MigrationTrace::outcome).containsExactly(MigrationTrace.Outcome.NEEDS_PRIVILEGE);
            assertThat(TraceSummary.of(trace).status()).isEqualTo(dev.migrateops.engine.PreCheck.Status.WARN);
            assertThat(TraceSummary.of(trace).detail()).contains("was not traced", "20260101000000_reader.sql:1");
            assertThat(shop.column("SELECT rolname FROM pg_roles WHERE rolname = 'mo_traced_reader'")).isEmpty();
        }
    }

    @Test
    void migrationsOutsideATransactionRunOnTheCopyForWhatFollows(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("20260101000001_index.sql"), "CREATE INDEX CONCURRENTLY IF NOT EXISTS sales_by_status"
                + " ON product_sales (status);\n");
        Files.writeString(dir.resolve("20260101000002_uses_it.sql"), "ALTER INDEX sales_by_status RENAME TO sales_status_idx;\n");
        try (TestDatabase shop = PostgresServer.get().createDatabase("tracer_notx").withDemoShop();
             TargetDatabase target = new TargetDatabase("shop", shop.target(dir, 0))) {
            Trace trace = tracer.trace(target, new MigrationReader().read(dir).migrations());

            assertThat(trace.migrations()).extracting(MigrationTrace::outcome).containsExactly(MigrationTrace.Outcome.NOT_TRANSACTIONAL,
                    MigrationTrace.Outcome.TRACED);
            assertThat(shop.column("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'sales\\_%'")).isEmpty();
        }
    }

    @Test
    void aTargetWhoseUserMayNotCreateDatabasesIsTracedAllTheSame() {
        try (TestDatabase shop = PostgresServer.get().createDatabase("tracer_no_createdb").withDemoShop()) {
            shop.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mo_no_createdb') THEN "
                    + "CREATE ROLE mo_no_createdb LOGIN PASSWORD 'only-for-this-test'; END IF; END $$;"
                    + " GRANT ALL ON ALL TABLES IN SCHEMA public TO mo_no_createdb");
            TargetProperties limited = TargetProperties.of(shop.jdbcUrl(), "mo_no_createdb", "only-for-this-test", Path.of("migrations"),
                    "#db-changes", 0);
            try (TargetDatabase target = new TargetDatabase("limited", limited)) {
                Trace trace = tracer.trace(target, examples);

                assertThat(trace.ran()).isTrue();
                assertThat(TraceSummary.of(trace).status()).isEqualTo(dev.migrateops.engine.PreCheck.Status.PASS);
            }
        }
    }

    /** As Supabase projects are: policies for its roles, an event trigger, migrations that grant to those roles. */
    @Test
    void theTargetsRolesAreNamedOnTheCopyAndItsEventTriggersAreSaidToBeMissing(@TempDir Path dir) throws Exception {
        String role = "mo_authenticated_" + Long.toHexString(System.nanoTime());
        Files.writeString(dir.resolve("20260101000000_notes.sql"), "ALTER TABLE product_sales ADD COLUMN note text;\n"
                + "GRANT SELECT ON product_sales TO " + role + ";\n");
        try (TestDatabase shop = PostgresServer.get().createDatabase("tracer_supabase_like").withDemoShop();
             TargetDatabase target = new TargetDatabase("shop", shop.target(dir, 0))) {
            shop.execute("CREATE ROLE " + role + " NOLOGIN; ALTER TABLE product_sales ENABLE ROW LEVEL SECURITY;"
                    + " CREATE POLICY own_sales ON product_sales FOR SELECT TO " + role + " USING (tenant_id = 1);"
                    + " CREATE FUNCTION watch_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;"
                    + " CREATE EVENT TRIGGER watch_ddl ON ddl_command_end EXECUTE FUNCTION watch_ddl();");
            try {
                Trace trace = tracer.trace(target, new MigrationReader().read(dir).migrations());

                assertThat(trace.migrations()).extracting(MigrationTrace::outcome).containsExactly(MigrationTrace.Outcome.TRACED);
                assertThat(TraceSummary.of(trace).status()).isEqualTo(dev.migrateops.engine.PreCheck.Status.PASS);
                assertThat(TraceSummary.of(trace).detail()).contains("the copy lacks 1 event trigger");
            } finally {
                shop.execute("DROP EVENT TRIGGER watch_ddl; DROP POLICY own_sales ON product_sales; DROP ROLE " + role);
            }
        }
    }

    @Test
    void theSameSchemaAndMigrationsAreTracedOnce() {
        try (TestDatabase shop = PostgresServer.get().createDatabase("tracer_reuse").withDemoShop();
             TargetDatabase target = new TargetDatabase("shop", shop.target(Path.of("migrations"), 0))) {
            Trace first = tracer.trace(target, examples);

            assertThat(tracer.trace(target, examples)).isSameAs(first);
            shop.execute("ALTER TABLE product_sales ADD COLUMN note text");
            assertThat(tracer.trace(target, examples)).isNotSameAs(first);
            assertThat(tracer.trace(target, examples.subList(0, 2))).isNotSameAs(first);
        }
    }

    @Test
    void withoutServerBinariesOfTheTargetsVersionTheTraceSaysWhatToInstall() {
        try (TraceServers servers = new TraceServers(dev.migrateops.config.TraceProperties.defaults())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> servers.forMajor(99))
                    .hasMessageContaining("no PostgreSQL 99 server to trace on", "/usr/lib/postgresql/99/bin",
                            "migrateops.trace.server.jdbc-url");
        }
    }

    @Test
    void aServerNewerThanTheClientToolsIsSaidNotTracedWithWhatToInstall() {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.migrateops.support.ClientTools.canDump(PostgresServer.get()),
                "the client tools here can dump this server");
        try (TestDatabase shop = PostgresServer.get().createDatabase("trace_newer").withDemoShop();
             TargetDatabase target = new TargetDatabase("shop", shop.target(Path.of("migrations"), 1))) {
            Trace trace = tracer.trace(target, examples.subList(0, 1));

            assertThat(trace.migrations()).isEmpty();
            assertThat(trace.notRunBecause()).matches("pg_dump is version \\d+ but the server is \\d+: install postgresql-client-\\d+ or newer");
        }
    }
}
