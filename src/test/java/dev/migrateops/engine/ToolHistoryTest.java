package dev.migrateops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.catalog.Sha256;
import dev.migrateops.support.Engines;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run keeps the team's own tool's history true: Flyway's, Prisma's and Supabase's tables are written as
 * those tools write them, in the migration's transaction, and taken over on first contact.
 */
class ToolHistoryTest {

    @TempDir
    Path dir;

    private final List<TestDatabase> databases = new ArrayList<>();

    @AfterEach
    void dropDatabases() {
        databases.forEach(TestDatabase::close);
    }

    private TestDatabase database(String purpose) {
        TestDatabase db = PostgresServer.get().createDatabase(purpose);
        databases.add(db);
        return db;
    }

    private void write(String path, String text) throws IOException {
        Files.createDirectories(dir.resolve(path).getParent());
        Files.writeString(dir.resolve(path), text);
    }

    private MigrationEngine engineFor(TestDatabase db) {
        return Engines.over(Map.of("shop", db.target(dir, 0)));
    }

    private Flyway flyway(TestDatabase db) {
        PostgresServer server = PostgresServer.get();
        return Flyway.configure().dataSource(db.jdbcUrl(), server.user(), server.password())
                .locations("filesystem:" + dir.toAbsolutePath()).load();
    }

    private void aFlywayProject() throws IOException {
        write("V1__create_sales.sql", "-- the sales table\r\nCREATE TABLE sales (id int PRIMARY KEY, amount int);\r\n");
        write("V1_1__add_note.sql", "ALTER TABLE sales ADD COLUMN note text;\n");
        write("U1_1__add_note.sql", "ALTER TABLE sales DROP COLUMN note;\n");
        write("later/V2__index_amount.sql", "CREATE INDEX sales_amount ON sales (amount);\n");
        write("migrateops/2.down.sql", "DROP INDEX sales_amount;\n");
        write("migrateops/2.check.sql", "SELECT 1 WHERE false;\n");
    }

    @Test
    void flywayAgreesWithWhatARunAppliedRowForRow() throws IOException {
        aFlywayProject();
        TestDatabase byMigrateOps = database("flyway_mo");
        TestDatabase byFlyway = database("flyway_fw");
        ApplyResult result = engineFor(byMigrateOps).applyPending(engineFor(byMigrateOps).snapshot("shop", java.util.Optional.empty()),
                ApplyRequest.by("alice"), ApplyListener.NONE);
        assertThat(result.applied()).extracting(Migration::label).containsExactly("1 create_sales", "1_1 add_note", "2 index_amount");
        flyway(byFlyway).migrate();

        String columns = "SELECT installed_rank || ' ' || version || ' ' || description || ' ' || type || ' ' || script || ' ' "
                + "|| checksum || ' ' || success FROM flyway_schema_history ORDER BY installed_rank";
        assertThat(byMigrateOps.column(columns)).isEqualTo(byFlyway.column(columns));
        assertThat(flyway(byMigrateOps).validateWithResult().validationSuccessful).isTrue();
        assertThat(flyway(byMigrateOps).info().pending()).isEmpty();
    }

    @Test
    void aRollbackLeavesFlywayShowingThoseMigrationsPendingAgain() throws IOException {
        aFlywayProject();
        TestDatabase db = database("flyway_rb");
        MigrationEngine engine = engineFor(db);
        engine.apply("shop", ApplyRequest.by("alice"), ApplyListener.NONE);
        RollbackResult rolledBack = engine.rollback("shop", RollbackSelector.after(MigrationVersion.parse("1")), ApplyListener.NONE);

        assertThat(rolledBack.rolledBack()).containsExactly("2", "1_1");
        assertThat(db.column("SELECT version FROM migrateops.schema_history")).containsExactly("1");
        MigrationInfo[] pending = flyway(db).info().pending();
        assertThat(Arrays.stream(pending).map(i -> i.getVersion().getVersion())).containsExactly("1.1", "2");
        Flyway pendingAllowed = Flyway.configure().configuration(flyway(db).getConfiguration())
                .ignoreMigrationPatterns("*:pending").load();
        assertThat(pendingAllowed.validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void onFirstContactWhatFlywayAppliedIsAdoptedNotPlannedAgain() throws IOException {
        aFlywayProject();
        Files.move(dir.resolve("later"), dir.resolveSibling(dir.getFileName() + "-later"));
        TestDatabase db = database("flyway_adopt");
        flyway(db).migrate(); // the team's tool applied 1 and 1.1 before MigrateOps came
        Files.move(dir.resolveSibling(dir.getFileName() + "-later"), dir.resolve("later"));
        MigrationEngine engine = engineFor(db);

        MigrationPlan plan = engine.plan("shop", java.util.Optional.empty());
        assertThat(plan.pending()).extracting(p -> p.migration().label()).containsExactly("2 index_amount");
        assertThat(plan.drift()).isEmpty();

        List<String> adopted = new ArrayList<>();
        engine.apply("shop", ApplyRequest.by("alice"), new ApplyListener() {
            @Override
            public void historyAdopted(String table, List<Migration> migrations) {
                migrations.forEach(m -> adopted.add(table + " " + m.label()));
            }
        });
        assertThat(adopted).containsExactly("flyway_schema_history 1 create_sales", "flyway_schema_history 1_1 add_note");
        assertThat(db.column("SELECT version || ' ' || applied_by FROM migrateops.schema_history ORDER BY started_at, version"))
                .containsExactly("1 MigrateOps, from flyway_schema_history", "1_1 MigrateOps, from flyway_schema_history", "2 alice");
        assertThat(db.column("SELECT installed_rank || ' ' || version FROM flyway_schema_history ORDER BY installed_rank"))
                .containsExactly("1 1", "2 1.1", "3 2");
        assertThat(flyway(db).validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void aFileEditedAfterFlywayAppliedItIsDriftWithBothChecksums() throws IOException {
        aFlywayProject();
        TestDatabase db = database("flyway_drift");
        flyway(db).migrate();
        write("V1_1__add_note.sql", "ALTER TABLE sales ADD COLUMN note varchar(200);\n");

        MigrationPlan plan = engineFor(db).plan("shop", java.util.Optional.empty());
        assertThat(plan.drift()).singleElement().satisfies(drift -> {
            assertThat(drift.kind()).isEqualTo(Drift.Kind.CHECKSUM_CHANGED);
            assertThat(drift.message()).contains("V1_1__add_note.sql").contains("flyway_schema_history")
                    .contains(db.column("SELECT checksum FROM flyway_schema_history WHERE version = '1.1'").get(0))
                    .contains(String.valueOf(FlywayHistory.crc32(Files.readString(dir.resolve("V1_1__add_note.sql")))));
        });
    }

    @Test
    void prismaSeesEachMigrationFinishedWithItsOwnChecksumAndARollbackAsRolledBack() throws IOException {
        String init = "-- CreateTable\nCREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n";
        write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        write("prisma/migrations/20240101000000_init/migration.sql", init);
        write("prisma/migrations/20240201000000_add_email/migration.sql", "ALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;\n");
        write("prisma/migrations/20240201000000_add_email/down.sql", "ALTER TABLE \"User\" DROP COLUMN \"email\";\n");
        TestDatabase db = database("prisma");
        MigrationEngine engine = engineFor(db);
        engine.apply("shop", ApplyRequest.by("alice"), ApplyListener.NONE);

        assertThat(db.column("SELECT migration_name || ' ' || checksum || ' ' || applied_steps_count || ' '"
                + " || (finished_at >= started_at) || ' ' || (logs IS NULL) || ' ' || (rolled_back_at IS NULL) || ' ' || length(id)"
                + " FROM _prisma_migrations ORDER BY started_at, migration_name"))
                .containsExactly("20240101000000_init " + Sha256.hex(init) + " 1 true true true 36",
                        "20240201000000_add_email " + Sha256.hex("ALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;\n") + " 1 true true true 36");

        engine.rollback("shop", RollbackSelector.after(MigrationVersion.parse("20240101000000")), ApplyListener.NONE);
        assertThat(db.column("SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NOT NULL"))
                .containsExactly("20240201000000_add_email");
        assertThat(db.column("SELECT version FROM migrateops.schema_history")).containsExactly("20240101000000");
        assertThat(engine.plan("shop", java.util.Optional.empty()).pending()).extracting(p -> p.migration().label())
                .containsExactly("20240201000000 add_email");
    }

    @Test
    void supabaseListsWhatARunAppliedAndForgetsWhatItRolledBack() throws IOException {
        write("supabase/migrations/20240101000000_create_sales.sql", "create table sales (id int);\ncomment on table sales is 'a; b';\n");
        write("supabase/migrations/20240102000000_add_note.sql", "alter table sales add column note text;\n");
        write("supabase/migrations/migrateops/20240102000000.down.sql", "alter table sales drop column note;\n");
        TestDatabase db = database("supabase");
        MigrationEngine engine = engineFor(db);
        engine.apply("shop", ApplyRequest.by("alice"), ApplyListener.NONE);

        assertThat(db.column("SELECT version || ' ' || name || ' ' || array_to_json(statements)"
                + " FROM supabase_migrations.schema_migrations ORDER BY version")).containsExactly(
                "20240101000000 create_sales [\"create table sales (id int)\",\"comment on table sales is 'a; b'\"]",
                "20240102000000 add_note [\"alter table sales add column note text\"]");

        engine.rollback("shop", RollbackSelector.after(MigrationVersion.parse("20240101000000")), ApplyListener.NONE);
        assertThat(db.column("SELECT version FROM supabase_migrations.schema_migrations")).containsExactly("20240101000000");
    }

    @Test
    void whatSupabaseAppliedBeforeIsAdopted() throws IOException {
        write("supabase/migrations/20240101000000_create_sales.sql", "create table sales (id int);\n");
        write("supabase/migrations/20240102000000_add_note.sql", "alter table sales add column note text;\n");
        TestDatabase db = database("supabase_adopt");
        db.execute("create table sales (id int); create schema supabase_migrations;"
                + " create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text);"
                + " insert into supabase_migrations.schema_migrations values ('20240101000000', '{create table sales (id int)}', 'create_sales');");
        MigrationEngine engine = engineFor(db);
        assertThat(engine.plan("shop", java.util.Optional.empty()).pending()).extracting(p -> p.migration().label())
                .containsExactly("20240102000000 add_note");
        engine.apply("shop", ApplyRequest.by("alice"), ApplyListener.NONE);
        assertThat(db.column("SELECT version FROM migrateops.schema_history ORDER BY version"))
                .containsExactly("20240101000000", "20240102000000");
        assertThat(db.column("SELECT version FROM supabase_migrations.schema_migrations ORDER BY version"))
                .containsExactly("20240101000000", "20240102000000");
    }
}
