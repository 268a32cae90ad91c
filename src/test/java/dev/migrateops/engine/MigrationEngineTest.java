package dev.migrateops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.support.Engines;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationEngineTest {

    @TempDir
    Path migrations;

    private TestDatabase staging;
    private MigrationEngine engine;

    @BeforeEach
    void freshStagingWithTheDemoShop() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("migrations"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, migrations.resolve(file.getFileName()));
            }
        }
        staging = PostgresServer.get().createDatabase("engine").withDemoShop();
        engine = Engines.over(Map.of("staging", staging.target(migrations, 0)));
    }

    @AfterEach
    void dropIt() {
        engine.targets().close();
        staging.close();
    }

    private ApplyOutcome apply() {
        return engine.apply("staging", ApplyRequest.by("alice"), ApplyListener.NONE);
    }

    @Test
    void theExampleMigrationsApplyOnAFreshDatabaseAndASecondApplyAppliesNothing() {
        ApplyOutcome first = apply();

        assertThat(first.apply().failure()).isEmpty();
        assertThat(first.apply().applied()).extracting(Migration::name).containsExactly("product_sales_indexes",
                "product_sales_fk", "validate_product_sales_fk", "cash_drawer_opened_by_set_null",
                "product_sales_amount_numeric");
        assertThat(first.verification()).hasValueSatisfying(report -> {
            assertThat(report.failures()).isEmpty();
            assertThat(report.notValidConstraints()).isEmpty();
            assertThat(report.rowCounts()).contains(new RowCountChange("public.product_sales", 10000L, 10000L));
        });
        assertThat(engine.history("staging")).extracting(AppliedMigration::appliedBy).containsOnly("alice");
        assertThat(staging.column("SELECT data_type FROM information_schema.columns WHERE table_name = 'product_sales'"
                + " AND column_name = 'amount'")).containsExactly("numeric");

        ApplyOutcome second = apply();
        assertThat(second.apply().applied()).isEmpty();
        assertThat(second.verification()).isEmpty();
        assertThat(engine.plan("staging", Optional.empty()).pending()).isEmpty();
    }

    @Test
    void thePlanListsPendingMigrationsWithTheirModeAndCompanions() {
        MigrationPlan plan = engine.plan("staging", Optional.of(MigrationVersion.parse("20251206091000")));

        assertThat(plan.pending()).extracting(p -> p.migration().label())
                .containsExactly("20251206090000 product_sales_indexes", "20251206091000 product_sales_fk");
        assertThat(plan.pending().get(0).migration().transactional()).isFalse();
        assertThat(plan.pending().get(1).migration().transactional()).isTrue();
        assertThat(plan.pending().get(1).migration().check()).isPresent();
        assertThat(staging.column("SELECT to_regclass('migrateops.schema_history')::text")).containsOnlyNulls();
    }

    @Test
    void editingAnAppliedFileIsDriftAndBlocksApply() throws IOException {
        apply();
        Files.writeString(migrations.resolve("20251206093000_cash_drawer_opened_by_set_null.sql"), "\n-- edited\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(migrations.resolve("20251206095000_later.sql"), "CREATE TABLE later (id int);");
        Files.delete(migrations.resolve("20251206092000_validate_product_sales_fk.sql"));
        Files.delete(migrations.resolve("20251206092000_validate_product_sales_fk.down.sql"));
        Files.delete(migrations.resolve("20251206092000_validate_product_sales_fk.verify.sql"));

        MigrationPlan plan = engine.plan("staging", Optional.empty());
        assertThat(plan.drift()).extracting(Drift::kind)
                .containsExactlyInAnyOrder(Drift.Kind.CHECKSUM_CHANGED, Drift.Kind.FILE_MISSING);
        assertThat(plan.drift()).extracting(Drift::message).anyMatch(m -> m.contains("was edited after it was applied"));

        assertThatThrownBy(this::apply).isInstanceOf(DriftException.class)
                .hasMessageContaining("20251206093000_cash_drawer_opened_by_set_null.sql");
        assertThat(staging.column("SELECT to_regclass('later')::text")).containsOnlyNulls();
    }

    @Test
    void aFailingStatementInATransactionalMigrationLeavesNoTraceInSchemaOrHistory() throws IOException {
        Files.writeString(migrations.resolve("20251206091500_broken.sql"), """
                CREATE TABLE refunds (id bigint PRIMARY KEY);
                ALTER TABLE product_sales ADD COLUMN refund_id bigint;
                INSERT INTO refunds VALUES (1), (1);
                """);

        ApplyOutcome outcome = apply();

        MigrationFailure failure = outcome.apply().failure().orElseThrow();
        assertThat(failure.location()).isEqualTo("20251206091500_broken.sql:3");
        assertThat(failure.sqlState()).isEqualTo("23505");
        assertThat(failure.describe()).contains("nothing of this migration was applied");
        assertThat(outcome.apply().applied()).extracting(Migration::name).containsExactly("product_sales_indexes", "product_sales_fk");
        assertThat(outcome.apply().notAttempted()).hasSize(3);
        assertThat(staging.column("SELECT to_regclass('refunds')::text")).containsOnlyNulls();
        assertThat(staging.count("SELECT count(*) FROM information_schema.columns WHERE column_name = 'refund_id'")).isZero();
        assertThat(engine.history("staging")).extracting(AppliedMigration::version)
                .containsExactly("20251206090000", "20251206091000");
    }

    @Test
    void aLockHeldForTwoSecondsMakesTheFirstAttemptTimeOutAndARetrySucceed() throws Exception {
        Files.writeString(migrations.resolve("20251206095000_add_note.sql"), "ALTER TABLE cash_drawers ADD COLUMN note text;");
        engine.apply("staging", new ApplyRequest("alice", null, null, Optional.of(MigrationVersion.parse("20251206094000"))),
                ApplyListener.NONE);
        List<StatementEvent> events = new ArrayList<>();
        List<Integer> retries = new ArrayList<>();
        List<ScriptOutcome> outcomes = new ArrayList<>();
        ApplyListener listener = new ApplyListener() {
            @Override
            public void statementExecuted(StatementEvent event) {
                events.add(event);
            }

            @Override
            public void lockTimeoutRetry(String version, int retry, java.time.Duration wait) {
                retries.add(retry);
            }

            @Override
            public void migrationFinished(Migration migration, ScriptOutcome outcome) {
                outcomes.add(outcome);
            }
        };

        try (var reader = staging.connect()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("LOCK TABLE cash_drawers IN ACCESS SHARE MODE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(2000);
                    reader.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            ApplyOutcome outcome = engine.apply("staging", ApplyRequest.by("alice"), listener);
            release.join();

            assertThat(outcome.apply().failure()).isEmpty();
        }
        assertThat(events.get(0).outcome()).isEqualTo(StatementEvent.Outcome.LOCK_TIMEOUT);
        assertThat(events.get(0).sqlState()).isEqualTo("55P03");
        assertThat(events.get(events.size() - 1).outcome()).isEqualTo(StatementEvent.Outcome.OK);
        assertThat(retries).isNotEmpty();
        // short lock waits first (50 ms ± 25 %), growing towards the 100 ms ceiling, never above it
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.attempts()).isEqualTo(retries.size() + 1);
            assertThat(outcome.lockTimeouts().get(0)).isLessThanOrEqualTo(java.time.Duration.ofMillis(63));
            assertThat(outcome.worstLockWait()).isLessThanOrEqualTo(java.time.Duration.ofMillis(100));
        });
        assertThat(events).allMatch(e -> e.location().equals("20251206095000_add_note.sql:1") && e.sha256().length() == 64);
        assertThat(staging.count("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'")).isEqualTo(1);
    }

    @Test
    void aLockThatOutlastsTheRetryBudgetFailsTheMigrationWithNothingApplied() throws Exception {
        Files.writeString(migrations.resolve("20251206095000_add_note.sql"), "ALTER TABLE cash_drawers ADD COLUMN note text;");
        engine.apply("staging", new ApplyRequest("alice", null, null, Optional.of(MigrationVersion.parse("20251206094000"))),
                ApplyListener.NONE);
        MigrationEngine impatient = Engines.over(Map.of("staging", staging.target(migrations, 0)), new dev.migrateops.config.ApplyProperties(
                java.time.Duration.ofMillis(100), java.time.Duration.ZERO, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200), java.time.Duration.ofMillis(50),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30)));
        try (var reader = staging.connect()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("LOCK TABLE cash_drawers IN ACCESS SHARE MODE");

            ApplyOutcome outcome = impatient.apply("staging", ApplyRequest.by("alice"), ApplyListener.NONE);

            MigrationFailure failure = outcome.apply().failure().orElseThrow();
            assertThat(failure.lockBudgetExhausted()).isTrue();
            assertThat(failure.attempts()).isGreaterThan(1);
            assertThat(failure.describe()).contains("55P03").contains("within the retry budget")
                    .contains("nothing of this migration was applied");
            reader.rollback();
        } finally {
            impatient.targets().close();
        }
        assertThat(staging.count("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'")).isZero();
        assertThat(engine.history("staging")).hasSize(5);
    }

    @Test
    void anAttemptWhoseQueueSpendsTheBlastRadiusBudgetIsStoppedEarlyAndRetriedLetsTheWritersThrough() throws Exception {
        Files.writeString(migrations.resolve("20251206095000_add_note.sql"), "ALTER TABLE cash_drawers ADD COLUMN note text;");
        engine.apply("staging", new ApplyRequest("alice", null, null, Optional.of(MigrationVersion.parse("20251206094000"))),
                ApplyListener.NONE);
        // a lock_timeout of 10 s, so only the blast radius (3 writers × 100 ms) can end an attempt early
        MigrationEngine patient = Engines.over(Map.of("staging", staging.target(migrations, 0)), new dev.migrateops.config.ApplyProperties(
                java.time.Duration.ofSeconds(10), java.time.Duration.ZERO, java.time.Duration.ofMinutes(1),
                java.time.Duration.ofMillis(200), java.time.Duration.ofMillis(400), java.time.Duration.ofSeconds(10),
                java.time.Duration.ofMillis(300), java.time.Duration.ofSeconds(30)));
        List<StatementEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        ApplyListener heard = new ApplyListener() {
            @Override
            public void statementExecuted(StatementEvent event) {
                events.add(event);
            }
        };
        try (var reader = staging.connect()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("LOCK TABLE cash_drawers IN ACCESS SHARE MODE");
            var applying = java.util.concurrent.CompletableFuture.supplyAsync(() -> patient.apply("staging", ApplyRequest.by("alice"), heard));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> staging.count(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'cash_drawers'::regclass") > 0);
            List<java.util.concurrent.CompletableFuture<Void>> writers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                writers.add(java.util.concurrent.CompletableFuture.runAsync(() -> staging.execute(
                        "INSERT INTO cash_drawers (tenant_id) VALUES (1)")));
            }

            // the writers get through long before the attempt's 10 s lock_timeout, the reader still holding its lock
            java.util.concurrent.CompletableFuture.allOf(writers.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> events.stream().anyMatch(e -> e.outcome() == StatementEvent.Outcome.LOCK_TIMEOUT));
            reader.rollback();
            ApplyOutcome outcome = applying.get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(outcome.apply().success()).isTrue();
        } finally {
            patient.targets().close();
        }
        assertThat(staging.count("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'")).isEqualTo(1);
    }

    @Test
    void aCancelledApplyStopsBeforeItsNextStatementAndRetriesNoMore() throws Exception {
        Files.writeString(migrations.resolve("20251206095000_two_steps.sql"),
                "CREATE TABLE step_one (id int);\nALTER TABLE cash_drawers ADD COLUMN note text;\n");
        engine.apply("staging", new ApplyRequest("alice", null, null, Optional.of(MigrationVersion.parse("20251206094000"))),
                ApplyListener.NONE);
        List<StatementEvent> events = new ArrayList<>();
        ApplyListener cancelAfterFirstStatement = new ApplyListener() {
            @Override
            public void statementExecuted(StatementEvent event) {
                events.add(event);
            }

            @Override
            public boolean cancelled() {
                return !events.isEmpty();
            }
        };
        try (var reader = staging.connect()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("LOCK TABLE cash_drawers IN ACCESS SHARE MODE");

            ApplyOutcome outcome = engine.apply("staging", ApplyRequest.by("alice"), cancelAfterFirstStatement);

            MigrationFailure failure = outcome.apply().failure().orElseThrow();
            assertThat(failure.sqlState()).isEqualTo("57014");
            assertThat(failure.describe()).contains("nothing of this migration was applied");
            reader.rollback();
        }
        assertThat(events).hasSize(1);
        assertThat(staging.column("SELECT to_regclass('step_one')::text")).containsOnlyNulls();
        assertThat(engine.history("staging")).hasSize(5);
    }

    @Test
    void concurrentlyRunsOutsideATransactionAndAFailedBuildLeavesNoInvalidIndex() throws IOException {
        Files.writeString(migrations.resolve("20251206095000_unique_sales_product.sql"), """
                CREATE INDEX CONCURRENTLY sales_status_idx ON product_sales (status);
                CREATE UNIQUE INDEX CONCURRENTLY sales_product_unique ON product_sales (product_name);
                """);

        ApplyOutcome outcome = apply();

        MigrationFailure failure = outcome.apply().failure().orElseThrow();
        assertThat(failure.transactional()).isFalse();
        assertThat(failure.location()).isEqualTo("20251206095000_unique_sales_product.sql:2");
        assertThat(failure.statementsApplied()).isEqualTo(1);
        assertThat(failure.invalidIndexesLeft()).isEmpty();
        assertThat(staging.column("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid")).isEmpty();
        assertThat(staging.column("SELECT to_regclass('sales_status_idx')::text")).containsExactly("sales_status_idx");
        AppliedMigration recorded = engine.history("staging").get(5);
        assertThat(recorded.success()).isFalse();
        assertThat(recorded.error()).contains("stay applied");
        assertThat(engine.plan("staging", Optional.empty()).pending()).singleElement()
                .satisfies(p -> assertThat(p.retryOfFailed()).isTrue());
    }

    @Test
    void anInvalidIndexLeftByAnInterruptedBuildIsDroppedBeforeTheRetry() throws IOException {
        Files.writeString(migrations.resolve("20251206095000_status_index.sql"),
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS sales_status_idx ON product_sales (id, status);");
        engine.apply("staging", new ApplyRequest("alice", null, null, Optional.of(MigrationVersion.parse("20251206094000"))),
                ApplyListener.NONE);
        // what a bot killed mid-build leaves: an index that exists but is not valid
        staging.execute("CREATE INDEX sales_status_idx ON product_sales (status)");
        staging.execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'sales_status_idx'::regclass");
        List<String> dropped = new ArrayList<>();

        ApplyOutcome outcome = engine.apply("staging", ApplyRequest.by("alice"), new ApplyListener() {
            @Override
            public void invalidIndexDropped(String version, String index) {
                dropped.add(index);
            }
        });

        assertThat(outcome.apply().failure()).isEmpty();
        assertThat(dropped).containsExactly("\"public\".\"sales_status_idx\"");
        assertThat(staging.column("SELECT pg_get_indexdef('sales_status_idx'::regclass)")).singleElement()
                .asString().contains("(id, status)");
        assertThat(outcome.verification().orElseThrow().passed()).isTrue();
    }

    @Test
    void aVerifyQueryThatReturnsRowsFailsVerification() throws IOException {
        Files.writeString(migrations.resolve("20251206095000_discount.sql"), "ALTER TABLE product_sales ADD COLUMN discount numeric;");
        Files.writeString(migrations.resolve("20251206095000_discount.verify.sql"),
                "-- every sale must have a discount\nSELECT id, discount FROM product_sales WHERE discount IS NULL ORDER BY id;");

        ApplyOutcome outcome = apply();

        assertThat(outcome.apply().success()).isTrue();
        assertThat(outcome.success()).isFalse();
        VerificationReport report = outcome.verification().orElseThrow();
        assertThat(report.failures()).singleElement().asString()
                .contains("20251206095000_discount.verify.sql:2 returned 10000 rows, first 20")
                .contains("id=1, discount=null");
        assertThat(engine.verify("staging").passed()).isFalse();
    }

    @Test
    void rollbackReturnsTheSchemaToWhatItWas() {
        String before = staging.schemaDump();
        engine.apply("staging", new ApplyRequest("alice", "run-7", null, Optional.of(MigrationVersion.parse("20251206093000"))),
                ApplyListener.NONE);
        assertThat(staging.schemaDump()).isNotEqualTo(before);

        RollbackResult result = engine.rollback("staging", RollbackSelector.run("run-7"), ApplyListener.NONE);

        assertThat(result.failure()).isEmpty();
        assertThat(result.rolledBack()).containsExactly("20251206093000", "20251206092000", "20251206091000", "20251206090000");
        assertThat(staging.schemaDump()).isEqualTo(before);
        assertThat(engine.history("staging")).isEmpty();
    }

    @Test
    void aMigrationWithoutADownFileMakesTheRollbackPlanARestoreAndChangesNothing() {
        apply();
        String applied = staging.schemaDump();

        RollbackPlan plan = engine.rollbackPlan("staging", RollbackSelector.after(MigrationVersion.parse("20251206092000")));
        assertThat(plan.restoreRequired()).isTrue();
        assertThat(plan.describe()).contains("restore from backup required: 20251206094000 product_sales_amount_numeric");

        assertThatThrownBy(() -> engine.rollback("staging", RollbackSelector.after(MigrationVersion.parse("20251206092000")),
                ApplyListener.NONE)).isInstanceOf(RestoreRequiredException.class).hasMessageContaining("Nothing was changed");
        assertThat(staging.schemaDump()).isEqualTo(applied);
        assertThat(engine.history("staging")).hasSize(5);
    }

    @Test
    void baselineMarksExistingVersionsAsAppliedWithoutRunningThem() {
        List<Migration> marked = engine.baseline("staging", MigrationVersion.parse("20251206092000"), "dba");

        assertThat(marked).hasSize(3);
        assertThat(staging.column("SELECT to_regclass('product_sales_tenant_status_created_idx')::text")).containsOnlyNulls();
        assertThat(engine.plan("staging", Optional.empty()).pending()).hasSize(2);
        assertThatThrownBy(() -> engine.baseline("staging", MigrationVersion.parse("20251206092000"), "dba"))
                .hasMessageContaining("already has a migration history");
    }

    @Test
    void theCheckQueriesFindDuplicateNamesAndOrphansAndNothingOnCleanData() {
        assertThat(engine.check("staging", List.of("20251206091000"))).isEmpty();

        staging.execute("INSERT INTO product_master (tenant_id, name, price) VALUES (1, 'product 7', 1.0)");
        staging.execute("INSERT INTO product_sales (tenant_id, product_name, quantity, amount) VALUES (1, 'gone', 1, 1)");

        assertThat(engine.check("staging", List.of("20251206091000"))).satisfiesExactly(
                orphans -> assertThat(orphans).contains("product_sales_fk.check.sql:2 returned 1 row", "product_name=gone"),
                duplicates -> assertThat(duplicates).contains("product_sales_fk.check.sql:9 returned 1 row", "name=product 7, duplicates=2"));
    }

    @Test
    void twoAppliersOnOneTargetAreKeptApart() throws Exception {
        try (var other = staging.connect()) {
            other.createStatement().execute("SELECT pg_advisory_lock(" + 0x4D49475241544F50L + ")");

            assertThatThrownBy(this::apply).isInstanceOf(ConcurrentApplyException.class)
                    .hasMessageContaining("another MigrateOps process is changing staging");
        }
        assertThat(apply().apply().applied()).hasSize(5);
    }

    @Test
    void anUnknownTargetListsTheConfiguredOnes() {
        assertThatThrownBy(() -> engine.plan("prod", Optional.empty())).isInstanceOf(UnknownTargetException.class)
                .hasMessage("unknown target 'prod'; targets: staging");
    }

    @Test
    void anUnreachableTargetSaysWhereWithoutThePassword() {
        MigrationEngine offline = Engines.over(Map.of("offline", dev.migrateops.config.TargetProperties.of(
                "jdbc:postgresql://127.0.0.1:1/app", "migrator", "s3cret-pw", migrations, "#c", 0)));
        try {
            assertThatThrownBy(() -> offline.plan("offline", Optional.empty())).isInstanceOf(TargetAccessException.class)
                    .hasMessageContaining("offline (127.0.0.1:1/app)").hasMessageNotContaining("s3cret-pw");
            assertThat(offline.targets().get("offline").settings().toString()).doesNotContain("s3cret-pw");
        } finally {
            offline.targets().close();
        }
    }

    @Test
    void aSessionTheTargetEndsMidMigrationIsNamedInTheFailureAndThePartWayMigrationIsInTheHistory() throws Exception {
        Files.writeString(migrations.resolve("20251206095000_status_index.sql"), """
                -- migrateops:no-transaction
                CREATE INDEX CONCURRENTLY IF NOT EXISTS product_sales_status_idx ON product_sales (status);
                SELECT pg_sleep(30);
                """);
        CompletableFuture<ApplyOutcome> applying = CompletableFuture.supplyAsync(this::apply);
        await().atMost(Duration.ofSeconds(30)).until(() -> staging.count(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' AND application_name LIKE 'migrateops/%'") == 1);

        staging.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'"
                + " AND application_name LIKE 'migrateops/%'");
        ApplyOutcome outcome = applying.get(30, TimeUnit.SECONDS);

        assertThat(outcome.apply().failure()).hasValueSatisfying(failure -> {
            assertThat(failure.connectionLost()).isTrue();
            assertThat(failure.describe()).contains("the target closed the connection while applying 20251206095000",
                    "1 statement before it ran outside a transaction and stay applied");
        });
        assertThat(staging.column("SELECT success FROM migrateops.schema_history WHERE version = '20251206095000'"))
                .containsExactly("f");
        assertThat(staging.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'product_sales_status_idx'::regclass"))
                .containsExactly("t");
    }

    @Test
    void anIndexBuildWhoseSessionTheTargetEndsIsNamedAsLeftInvalid() throws Exception {
        try (Connection writer = staging.connect()) {
            // an open writing transaction: the shipped index migration's first build has made its INVALID index and
            // waits for this writer to end
            writer.setAutoCommit(false);
            writer.createStatement().execute("UPDATE product_sales SET status = status WHERE false");
            CompletableFuture<ApplyOutcome> applying = CompletableFuture.supplyAsync(this::apply);
            // the build waits in attempts of 50–100 ms (the lock_timeout ladder) between backoffs; after the first, each
            // attempt first drops the invalid index the last one left, which waits for the writer too: look often, for
            // either, and end the session seen waiting (between attempts it is the same session, idle)
            String builder = "SELECT pid FROM pg_stat_activity WHERE (query LIKE 'CREATE INDEX CONCURRENTLY%'"
                    + " OR query LIKE 'DROP INDEX CONCURRENTLY%') AND application_name LIKE 'migrateops/%' AND wait_event_type = 'Lock'";
            String pid = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> staging.column(builder), pids -> !pids.isEmpty()).get(0);

            staging.execute("SELECT pg_terminate_backend(" + Integer.parseInt(pid) + ")");
            ApplyOutcome outcome = applying.get(30, TimeUnit.SECONDS);

            assertThat(outcome.apply().failure()).hasValueSatisfying(failure -> {
                assertThat(failure.connectionLost()).isTrue();
                assertThat(failure.invalidIndexesLeft()).containsExactly("\"public\".\"product_sales_tenant_status_created_idx\"");
                assertThat(failure.describe()).contains("the target closed the connection while applying 20251206090000",
                        "Invalid index left: \"public\".\"product_sales_tenant_status_created_idx\"");
            });
            writer.rollback();
        }
        assertThat(staging.column("SELECT success || ' ' || error FROM migrateops.schema_history WHERE version = '20251206090000'"))
                .singleElement().asString().startsWith("false ").contains("Invalid index left");
    }
}
