package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationLinterTest {

    private final MigrationLinter linter = new MigrationLinter();

    /** A live schema: sales is big, lookup is small, sales.code is varchar(20), events is partitioned. */
    private static final TableFacts LIVE = new TableFacts() {
        @Override
        public Optional<Long> rows(String table) {
            return Optional.ofNullable(Map.of("public.sales", 10_000_000L, "public.lookup", 100L, "billing.sales", 5_000_000L)
                    .get(table));
        }

        @Override
        public Optional<String> columnType(String table, String column) {
            return table.equals("public.sales") && column.equals("code") ? Optional.of("character varying(20)") : Optional.empty();
        }

        @Override
        public boolean partitioned(String table) {
            return table.equals("public.events");
        }

        @Override
        public boolean validatedNotNullCheck(String table, String column) {
            return table.equals("public.sales") && column.equals("checked_note");
        }
    };

    private List<String> rules(String sql) {
        return linter.lint("m.sql", sql, LIVE).findings().stream().map(Finding::rule).toList();
    }

    private Finding only(String sql) {
        List<Finding> findings = linter.lint("m.sql", sql, LIVE).findings();
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @Test
    void indexWithoutConcurrentlyIsAnErrorOnABigTableAWarningOnASmallOne() {
        Finding big = only("CREATE INDEX IF NOT EXISTS sales_tenant ON sales (tenant_id);");
        assertThat(big.rule()).isEqualTo("index-not-concurrent");
        assertThat(big.severity()).isEqualTo(Severity.ERROR);
        assertThat(big.location()).isEqualTo("m.sql:1");
        assertThat(big.fix()).contains("CONCURRENTLY");
        assertThat(only("CREATE INDEX IF NOT EXISTS lookup_name ON lookup (name);").severity()).isEqualTo(Severity.WARNING);
        assertThat(rules("CREATE INDEX CONCURRENTLY IF NOT EXISTS sales_tenant ON sales (tenant_id);")).isEmpty();
        assertThat(rules("create index if not exists x on unknown_table (a);")).containsExactly("index-not-concurrent");
    }

    @Test
    void concurrentlyInsideAnExplicitTransactionAndOnAPartitionedParentAreCaught() {
        assertThat(rules("BEGIN;\nDROP INDEX CONCURRENTLY IF EXISTS a;\nCOMMIT;")).contains("concurrently-in-transaction");
        assertThat(rules("BEGIN;\nREINDEX INDEX CONCURRENTLY a;\nCOMMIT;")).contains("concurrently-in-transaction");
        assertThat(rules("DROP INDEX CONCURRENTLY IF EXISTS a;")).isEmpty();
        assertThat(only("DROP INDEX IF EXISTS a;").rule()).isEqualTo("drop-index-not-concurrent");
        assertThat(rules("CREATE INDEX CONCURRENTLY IF NOT EXISTS e_at ON events (at);")).containsExactly("concurrently-on-partitioned-table");
        assertThat(rules("CREATE TABLE IF NOT EXISTS logs (at timestamptz) PARTITION BY RANGE (at);\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS logs_at ON logs (at);")).isEmpty();
    }

    @Test
    void constraintsNeedNotValidThenValidate() {
        assertThat(rules("ALTER TABLE sales ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES product (id);")).containsExactly("constraint-not-valid");
        assertThat(rules("ALTER TABLE sales ADD CONSTRAINT positive CHECK (amount > 0);")).containsExactly("constraint-not-valid");
        assertThat(rules("ALTER TABLE sales ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES product (id) NOT VALID;")).isEmpty();
        assertThat(rules("ALTER TABLE sales VALIDATE CONSTRAINT fk;")).isEmpty();
        // validated in the transaction that added it, the validation runs under the ADD's lock
        assertThat(rules("ALTER TABLE sales ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES product (id) NOT VALID;\n"
                + "ALTER TABLE sales VALIDATE CONSTRAINT fk;")).containsExactly("validate-in-same-transaction");
    }

    @Test
    void setNotNullNotNullWithoutDefaultAndVolatileDefaultsAreCaught() {
        assertThat(rules("ALTER TABLE sales ALTER COLUMN note SET NOT NULL;")).containsExactly("set-not-null");
        assertThat(rules("ALTER TABLE sales ALTER COLUMN checked_note SET NOT NULL;")).isEmpty();
        assertThat(rules("-- migrateops:no-transaction\nALTER TABLE sales ADD CONSTRAINT note_nn CHECK (note IS NOT NULL) NOT VALID;\n"
                + "ALTER TABLE sales VALIDATE CONSTRAINT note_nn;\nALTER TABLE sales ALTER COLUMN note SET NOT NULL;")).isEmpty();
        assertThat(rules("ALTER TABLE sales ADD COLUMN note text NOT NULL;")).containsExactly("add-column-not-null-without-default");
        assertThat(rules("ALTER TABLE sales ADD COLUMN note text NOT NULL DEFAULT 'none';")).isEmpty();
        assertThat(rules("ALTER TABLE sales ADD COLUMN token uuid DEFAULT gen_random_uuid();")).containsExactly("add-column-volatile-default");
        assertThat(rules("ALTER TABLE sales ADD COLUMN seen_at timestamptz DEFAULT now();")).isEmpty();
        assertThat(rules("ALTER TABLE sales ADD COLUMN n bigserial;")).containsExactly("add-column-volatile-default");
    }

    @Test
    void typeChangesAreFlaggedUnlessTheLiveSchemaShowsNoRewriteIsNeeded() {
        assertThat(rules("ALTER TABLE sales ALTER COLUMN amount TYPE numeric(10,2);")).containsExactly("alter-column-type");
        assertThat(rules("ALTER TABLE sales ALTER COLUMN code TYPE text;")).isEmpty();
        assertThat(rules("ALTER TABLE sales ALTER COLUMN code TYPE varchar(40);")).isEmpty();
        assertThat(rules("ALTER TABLE sales ALTER COLUMN code TYPE varchar(10);")).containsExactly("alter-column-type");
    }

    @Test
    void uniqueAndPrimaryKeysNeedAnExistingIndex() {
        assertThat(rules("ALTER TABLE sales ADD CONSTRAINT sales_code_key UNIQUE (code);")).containsExactly("unique-without-index");
        assertThat(rules("ALTER TABLE sales ADD CONSTRAINT sales_code_key UNIQUE USING INDEX sales_code_idx;")).isEmpty();
    }

    @Test
    void destructiveStatementsAndRenamesAreErrorsExceptOnATableCreatedInTheSameFile() {
        assertThat(rules("DROP TABLE sales;")).containsExactly("destructive");
        assertThat(rules("TRUNCATE sales;")).containsExactly("destructive");
        assertThat(rules("DROP SCHEMA billing CASCADE;")).containsExactly("destructive");
        assertThat(rules("ALTER TABLE sales DROP COLUMN note;")).containsExactly("destructive");
        assertThat(rules("ALTER TABLE sales DROP CONSTRAINT fk;")).isEmpty();
        assertThat(rules("ALTER TABLE sales RENAME COLUMN note TO remark;")).containsExactly("rename");
        assertThat(rules("ALTER TABLE sales RENAME TO sales_old;")).containsExactly("rename");
        assertThat(rules("CREATE TABLE IF NOT EXISTS staging_import (id bigint);\nALTER TABLE staging_import ADD COLUMN note text NOT NULL;\n"
                + "DROP TABLE staging_import;")).isEmpty();
    }

    @Test
    void aTableCreatedInTheFileExemptsOnlyThatExactSchemaQualifiedTable() {
        assertThat(rules("CREATE TABLE IF NOT EXISTS audit.sales (id bigint);\nCREATE INDEX IF NOT EXISTS s ON sales (id);"))
                .containsExactly("index-not-concurrent");
        assertThat(rules("CREATE TABLE IF NOT EXISTS \"Sales\" (id bigint);\nCREATE INDEX IF NOT EXISTS s ON sales (id);"))
                .containsExactly("index-not-concurrent");
        assertThat(rules("CREATE TABLE IF NOT EXISTS Public.SALES (id bigint);\nCREATE INDEX IF NOT EXISTS s ON \"sales\" (id);")).isEmpty();
    }

    @Test
    void blockingMaintenanceIsCaughtAndItsConcurrentFormsAreNot() {
        assertThat(rules("VACUUM FULL sales;")).containsExactly("blocking-maintenance");
        assertThat(rules("CLUSTER sales USING sales_pkey;")).containsExactly("blocking-maintenance");
        assertThat(rules("REINDEX TABLE sales;")).containsExactly("blocking-maintenance");
        assertThat(rules("REFRESH MATERIALIZED VIEW totals;")).containsExactly("blocking-maintenance");
        assertThat(rules("REINDEX TABLE CONCURRENTLY sales;")).isEmpty();
        assertThat(rules("REFRESH MATERIALIZED VIEW CONCURRENTLY totals;")).isEmpty();
        assertThat(rules("VACUUM ANALYZE sales;")).isEmpty();
    }

    @Test
    void lockTimeoutCountsOnlyWhileItIsReallyInEffect() {
        assertThat(rules("ALTER TABLE sales ADD COLUMN note text;")).isEmpty();
        assertThat(rules("SET lock_timeout = 0;\nALTER TABLE sales ADD COLUMN note text;")).containsExactly("no-lock-timeout");
        assertThat(rules("SET LOCAL lock_timeout TO '0ms';\nALTER TABLE sales ADD COLUMN note text;")).containsExactly("no-lock-timeout");
        assertThat(rules("RESET lock_timeout;\nALTER TABLE sales ADD COLUMN note text;")).containsExactly("no-lock-timeout");
        assertThat(rules("SELECT set_config('lock_timeout', '0', true);\nALTER TABLE sales ADD COLUMN note text;"))
                .containsExactly("no-lock-timeout");
        assertThat(rules("SET lock_timeout = 0;\nSET lock_timeout = '2s';\nALTER TABLE sales ADD COLUMN note text;")).isEmpty();
    }

    @Test
    void aNewEnumValueUsedInTheSameTransactionIsCaught() {
        assertThat(rules("ALTER TYPE status ADD VALUE 'archived';\nUPDATE sales SET status = 'archived' WHERE old;"))
                .containsExactly("enum-value-used-same-transaction");
        assertThat(rules("-- migrateops:no-transaction\nALTER TYPE status ADD VALUE 'archived';\n"
                + "UPDATE sales SET status = 'archived' WHERE old;")).isEmpty();
    }

    @Test
    void createWithoutIfNotExistsAndIntegerKeysAreWarnings() {
        List<Finding> findings = linter.lint("m.sql", "CREATE TABLE refunds (id serial PRIMARY KEY, amount numeric);", LIVE).findings();
        assertThat(findings).extracting(Finding::rule).containsExactly("create-not-idempotent", "int-key-overflow");
        assertThat(findings).allMatch(f -> f.severity() == Severity.WARNING);
        assertThat(rules("CREATE TABLE IF NOT EXISTS refunds (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);")).isEmpty();
    }

    @Test
    void ddlInsideADoBlockIsLintedButLiteralsCommentsAndFunctionBodiesAreNot() {
        assertThat(rules("DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1) THEN\n    CREATE INDEX IF NOT EXISTS x ON sales (a);\n  END IF;\nEND $$;"))
                .containsExactly("index-not-concurrent");
        assertThat(rules("SELECT 'DROP TABLE sales';\n-- DROP TABLE sales;\n/* TRUNCATE sales; */\n"
                + "CREATE OR REPLACE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN DROP TABLE sales; END $fn$;")).isEmpty();
    }

    @Test
    void anInlineAllowAcknowledgesThatRuleForThatStatementOnly() {
        String sql = "-- migrateops:allow index-not-concurrent lookup-sized, built at night\n"
                + "CREATE INDEX IF NOT EXISTS a ON sales (a);\nCREATE INDEX IF NOT EXISTS b ON sales (b);";
        LintReport report = linter.lint("m.sql", sql, LIVE);
        assertThat(report.findings()).extracting(Finding::acknowledged).containsExactly("lookup-sized, built at night", null);
        assertThat(report.blocking()).singleElement().satisfies(f -> assertThat(f.location()).isEqualTo("m.sql:3"));
    }

    @Test
    void mixedCaseQuotedAndSchemaQualifiedNamesAreRead() {
        assertThat(rules("alter table BILLING.\"sales\" alter column Note set not null;"))
                .containsExactly("set-not-null");
        assertThat(linter.lint("m.sql", "ALTER TABLE billing.sales ALTER COLUMN note SET NOT NULL;", LIVE).findings().get(0).why())
                .contains("billing.sales");
    }

    @Test
    void theShippedExamplesBlockNothingEveryAcceptedRiskCarriesItsReason() throws Exception {
        List<String> found = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("migrations"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".sql") && !f.toString().matches(".*\\.(down|check|verify)\\.sql"))
                    .sorted().toList()) {
                linter.lint(file.getFileName().toString(), java.nio.file.Files.readString(file), TableFacts.UNKNOWN).findings()
                        .forEach(f -> found.add(f.rule() + "@" + f.location() + " allowed: " + f.acknowledged()));
            }
        }
        assertThat(found).containsExactly(
                "unique-without-index@20251206091000_product_sales_fk.sql:5 allowed: product_master is a small lookup table (about 50 rows)",
                "constraint-not-valid@20251206093000_cash_drawer_opened_by_set_null.sql:6 allowed: cash_drawers is small "
                        + "(one row per drawer per day); validating at once keeps the FK whole",
                "alter-column-type@20251206094000_product_sales_amount_numeric.sql:5 allowed: rewrite accepted in the maintenance "
                        + "window; rehearsed on a restored copy first");
    }

    @Test
    void oneStatementThatRetypesSeveralColumnsIsOneFindingNamingTheTableAsItIsTyped() {
        Finding retype = only("ALTER TABLE \"CashDrawer\" ALTER COLUMN opened_by TYPE bigint, ALTER COLUMN closed_by TYPE bigint;");

        assertThat(retype.rule()).isEqualTo("alter-column-type");
        assertThat(retype.why()).contains("rewrites public.\"CashDrawer\" and its indexes");
        assertThat(TableName.display("public.sales")).isEqualTo("public.sales");
        assertThat(TableName.display("Billing.Sales 2024")).isEqualTo("\"Billing\".\"Sales 2024\"");
    }
}
