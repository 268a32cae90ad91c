package dev.migrateops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.config.TargetProperties;
import dev.migrateops.support.Engines;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .check.sql} comes from the repository: before approval it runs only as the target's verified read-only
 * check credential, never with the target's own, and a credential that may do more is refused, saying why.
 */
class PreviewChecksTest {

    private static final String CHECKER_PASSWORD = "checker-secret";

    @TempDir
    Path migrations;
    private TestDatabase shop;
    private String checker;

    @BeforeEach
    void aShopWithAReadOnlyRole() throws Exception {
        shop = PostgresServer.get().createDatabase("preview").withDemoShop();
        checker = "mo_checker_" + shop.name();
        shop.execute("CREATE ROLE " + checker + " LOGIN PASSWORD '" + CHECKER_PASSWORD + "'; ALTER ROLE " + checker
                + " SET default_transaction_read_only = on; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + checker);
        Files.writeString(migrations.resolve("20260101000000_unique_names.sql"),
                "ALTER TABLE product_master ADD CONSTRAINT product_master_name_key UNIQUE (name);\n");
    }

    @AfterEach
    void dropIt() throws Exception {
        shop.close();
        try (var admin = PostgresServer.get().connect(PostgresServer.get().adminDatabase()); var st = admin.createStatement()) {
            st.execute("DROP ROLE IF EXISTS " + checker);
        }
    }

    @Test
    void withoutACheckCredentialTheCheckWaitsForApprovalAndTheCardSaysSo() throws Exception {
        writeCheck("SELECT dblink_exec('dbname=" + shop.name() + "', 'CREATE TABLE pwned (id int)');");
        shop.execute("CREATE EXTENSION dblink");

        PreCheck check = previewOf(shop.target(migrations, 1));

        assertThat(check.status()).isEqualTo(PreCheck.Status.WARN);
        assertThat(check.detail()).contains("runs after approval", "no read-only check credential");
        assertThat(shop.column("SELECT relname FROM pg_class WHERE relname = 'pwned'")).isEmpty();
    }

    @Test
    void aReadOnlyCredentialPreviewsTheCheckBeforeApproval() throws Exception {
        writeCheck("SELECT name, count(*) AS copies FROM product_master GROUP BY name HAVING count(*) > 1;");
        shop.execute("INSERT INTO product_master (tenant_id, name, price) SELECT tenant_id, name, price FROM product_master LIMIT 1");

        PreCheck check = previewOf(shop.target(migrations, 1).withCheckCredential(checker, CHECKER_PASSWORD));

        assertThat(check.status()).isEqualTo(PreCheck.Status.FAIL);
        assertThat(check.detail()).contains("copies=2");
    }

    @Test
    void aCredentialThatMayReachOutOrIsASuperuserIsRefused() throws Exception {
        writeCheck("SELECT dblink_exec('dbname=" + shop.name() + "', 'CREATE TABLE pwned (id int)');");
        shop.execute("CREATE EXTENSION dblink");

        PreCheck outbound = previewOf(shop.target(migrations, 1).withCheckCredential(checker, CHECKER_PASSWORD));
        assertThat(outbound.status()).isEqualTo(PreCheck.Status.WARN);
        assertThat(outbound.detail()).contains("may do more than read", "it may execute dblink").doesNotContain(CHECKER_PASSWORD);

        PostgresServer server = PostgresServer.get();
        PreCheck superuser = previewOf(shop.target(migrations, 1).withCheckCredential(server.user(), server.password()));
        assertThat(superuser.detail()).contains("it is a superuser", "it is not read-only by default");
        assertThat(shop.column("SELECT relname FROM pg_class WHERE relname = 'pwned'")).isEmpty();
    }

    @Test
    void afterApprovalTheCheckRunsWithTheTargetsOwnCredential() throws Exception {
        writeCheck("SELECT name FROM product_master WHERE name IS NULL;");
        MigrationEngine engine = Engines.over(Map.of("shop", shop.target(migrations, 1)));

        List<PreCheck> checks = engine.preChecks("shop", Optional.empty(), null);

        assertThat(checks).filteredOn(c -> c.name().equals("20260101000000.check.sql")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(PreCheck.Status.PASS));
        engine.targets().close();
    }

    private void writeCheck(String sql) throws Exception {
        Files.writeString(migrations.resolve("20260101000000_unique_names.check.sql"), sql + "\n");
    }

    private static PreCheck previewOf(TargetProperties target) {
        MigrationEngine engine = Engines.over(Map.of("shop", target));
        try {
            return engine.previewChecks(engine.snapshot("shop", Optional.empty()), null).stream()
                    .filter(c -> c.name().equals("20260101000000.check.sql")).findFirst().orElseThrow();
        } finally {
            engine.targets().close();
        }
    }
}
