package dev.migrateops.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.catalog.MigrationReader;
import dev.migrateops.engine.PreCheck;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.support.Tracers;
import dev.migrateops.trace.StatementTrace.TableRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations written by an attacker with push access, traced before anyone approved them, on a target whose user is a
 * superuser and which has dblink and postgres_fdw installed. Privilege is the guard, not the words they use: none of
 * them touches the target, its sessions or any host; each is said not traced (or reported for what it does).
 */
class HostileMigrationsTest {

    private final MigrationTracer tracer = Tracers.onThisMachine();
    @TempDir
    Path dir;
    private TestDatabase shop;
    private TargetDatabase target;

    @BeforeEach
    void aSuperuserTargetWithOutboundExtensions() {
        shop = PostgresServer.get().createDatabase("hostile").withDemoShop();
        shop.execute("CREATE EXTENSION IF NOT EXISTS dblink; CREATE EXTENSION IF NOT EXISTS postgres_fdw");
        target = new TargetDatabase("shop", shop.target(dir, 0));
    }

    @AfterEach
    void dropIt() {
        target.close();
        shop.close();
    }

    @Test
    void aShellCommandSpelledAroundAnyWordListRunsNowhere() throws Exception {
        Path marker = dir.resolve("shell-was-here");
        Trace trace = traceOf("DO $$ BEGIN EXECUTE 'CO' || 'PY (SELECT 1) TO PRO' || 'GRAM ' || quote_literal('touch " + marker + "'); END $$;");

        assertThat(marker).doesNotExist();
        assertNotTracedForWantOfPrivilege(trace);
    }

    @Test
    void dblinkBackIntoTheTargetWritesNothingThere() throws Exception {
        Trace trace = traceOf("SELECT dblink_exec('host=" + PostgresServer.get().host() + " port=" + PostgresServer.get().port()
                + " dbname=" + shop.name() + " user=" + PostgresServer.get().user() + "', 'CREATE TABLE pwned (id int)');");

        assertThat(shop.column("SELECT relname FROM pg_class WHERE relname = 'pwned'")).isEmpty();
        assertNotTracedForWantOfPrivilege(trace);
    }

    @Test
    void aForeignServerPointingAtTheTargetCannotBeMade() throws Exception {
        Trace trace = traceOf("CREATE SERVER prod FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '" + PostgresServer.get().host()
                + "', dbname '" + shop.name() + "');\nCREATE USER MAPPING FOR CURRENT_USER SERVER prod OPTIONS (user 'postgres');\n"
                + "CREATE FOREIGN TABLE remote_tenants (id bigint, name text) SERVER prod OPTIONS (table_name 'tenants');\n"
                + "INSERT INTO remote_tenants (name) VALUES ('pwned');\n");

        assertThat(shop.count("SELECT count(*) FROM tenants WHERE name = 'pwned'")).isZero();
        assertNotTracedForWantOfPrivilege(trace);
    }

    @Test
    void aLiveSessionOfTheTargetIsNotEnded() throws Exception {
        try (Connection live = shop.connect(); Statement st = live.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            Trace trace = traceOf("SELECT pg_terminate_backend(" + rs.getInt(1) + ");\nCREATE TABLE after_the_kill (id int);\n");

            assertThat(live.isValid(2)).isTrue();
            assertThat(trace.migrations()).singleElement().satisfies(m -> assertThat(m.outcome()).isEqualTo(MigrationTrace.Outcome.TRACED));
        }
    }

    @Test
    void serverFilesCanBeNeitherWrittenNorRead() throws Exception {
        Path exported = dir.resolve("exported");
        Trace write = traceOf("SELECT lo_export(lo_from_bytea(0, 'x'), '" + exported + "');");
        assertThat(exported).doesNotExist();
        assertNotTracedForWantOfPrivilege(write);

        assertNotTracedForWantOfPrivilege(traceOf("SELECT pg_read_file('/etc/passwd');"));
    }

    @Test
    void aStatementThatCatchesItsOwnCancellationIsEnded() throws Exception {
        Trace trace = traceOf("DO $$ BEGIN SET LOCAL statement_timeout = 0;\n  LOOP\n    BEGIN PERFORM pg_sleep(600);\n"
                + "    EXCEPTION WHEN query_canceled THEN NULL;\n    END;\n  END LOOP;\nEND $$;");

        assertThat(trace.migrations()).singleElement().satisfies(m -> assertThat(m.outcome()).isEqualTo(MigrationTrace.Outcome.TIMED_OUT));
        assertThat(TraceSummary.of(trace).status()).isEqualTo(PreCheck.Status.WARN);
    }

    @Test
    void aCatalogOfItsOwnEarlierInTheSearchPathDoesNotHideARewrite() throws Exception {
        Trace trace = traceOf("CREATE TABLE public.pg_class (oid oid, relfilenode oid, relkind \"char\", relnamespace oid, relname name);\n"
                + "CREATE TABLE public.pg_locks (relation oid, mode text, pid int, locktype text, granted boolean);\n"
                + "SET search_path = public, pg_catalog;\n"
                + "DO $$ BEGIN EXECUTE 'ALTER TABLE product_sales ALTER COLUMN ' || 'quantity TYPE bigint'; END $$;\n");

        TableRef sales = new TableRef("public.product_sales", "public.product_sales");
        assertThat(trace.migrations()).singleElement().satisfies(m -> assertThat(m.outcome()).isEqualTo(MigrationTrace.Outcome.TRACED));
        assertThat(trace.migrations().get(0).statements().get(3).rewritten()).containsExactly(sales);
        assertThat(trace.migrations().get(0).statements().get(3).strongestOn(sales)).contains(LockMode.ACCESS_EXCLUSIVE);
    }

    private Trace traceOf(String sql) throws Exception {
        Files.list(dir).filter(f -> f.toString().endsWith(".sql")).forEach(f -> f.toFile().delete());
        Files.writeString(dir.resolve("20260101000000_hostile.sql"), sql + "\n");
        return tracer.trace(target, new MigrationReader().read(dir).migrations());
    }

    private static void assertNotTracedForWantOfPrivilege(Trace trace) {
        assertThat(trace.migrations()).singleElement().satisfies(m -> assertThat(m.outcome()).isEqualTo(MigrationTrace.Outcome.NEEDS_PRIVILEGE));
        assertThat(TraceSummary.of(trace).status()).isEqualTo(PreCheck.Status.WARN);
        assertThat(TraceSummary.of(trace).detail()).contains("was not traced");
    }
}
