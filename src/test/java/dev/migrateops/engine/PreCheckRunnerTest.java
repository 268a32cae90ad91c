package dev.migrateops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationReader;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PreCheckRunnerTest {

    private final PreCheckRunner runner = new PreCheckRunner(Duration.ofSeconds(1));
    private final List<Migration> examples = new MigrationReader().read(Path.of("migrations")).migrations();
    private TestDatabase shop;

    @BeforeEach
    void demoShop() {
        shop = PostgresServer.get().createDatabase("prechecks").withDemoShop();
    }

    @AfterEach
    void dropIt() {
        shop.close();
    }

    private Map<String, PreCheck> run(Connection conn) throws Exception {
        return runner.run(conn, examples, Path.of("target")).stream().collect(Collectors.toMap(PreCheck::name, Function.identity()));
    }

    @Test
    void aQuietTargetPassesEveryCheck() throws Exception {
        try (Connection conn = shop.connect()) {
            Map<String, PreCheck> checks = run(conn);
            assertThat(checks.keySet()).containsExactlyInAnyOrder("connection", "privileges", "sessions", "locks on touched tables",
                    "disk room for the backup", "replication lag", "20251206091000.check.sql");
            assertThat(checks.values()).allMatch(c -> c.status() == PreCheck.Status.PASS);
            assertThat(checks.get("20251206091000.check.sql").detail()).isEqualTo("its queries found nothing");
            assertThat(checks.get("privileges").detail()).contains("may alter the 4 touched tables");
        }
    }

    @Test
    void aCheckQueryThatFindsRowsOrCannotRunFailsWithWhatItSaw() throws Exception {
        shop.execute("INSERT INTO product_sales (tenant_id, product_name, quantity, amount) VALUES (1, 'gone', 1, 9.99)");
        try (Connection conn = shop.connect()) {
            assertThat(run(conn).get("20251206091000.check.sql")).satisfies(check -> {
                assertThat(check.status()).isEqualTo(PreCheck.Status.FAIL);
                assertThat(check.detail()).contains("20251206091000_product_sales_fk.check.sql:2 returned 1 row", "product_name=gone");
            });
            shop.execute("ALTER TABLE product_sales RENAME TO product_sales_moved");
            assertThat(run(conn).get("20251206091000.check.sql")).satisfies(check -> {
                assertThat(check.status()).as("fails closed").isEqualTo(PreCheck.Status.FAIL);
                assertThat(check.detail()).startsWith("could not run it: ").contains("product_sales");
            });
        }
    }

    @Test
    void aLongTransactionOnATouchedTableIsReportedAndAnExclusiveLockFails() throws Exception {
        try (Connection reader = shop.connect(); Connection conn = shop.connect()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("SET application_name = 'nightly-report'");
            reader.createStatement().execute("SELECT count(*) FROM product_sales");
            Thread.sleep(1500);

            Map<String, PreCheck> checks = run(conn);
            assertThat(checks.get("sessions").status()).isEqualTo(PreCheck.Status.WARN);
            assertThat(checks.get("sessions").detail()).contains("idle in transaction", "(nightly-report)");
            assertThat(checks.get("locks on touched tables").status()).isEqualTo(PreCheck.Status.WARN);
            assertThat(checks.get("locks on touched tables").detail()).contains("product_sales: pid", "AccessShareLock");

            reader.createStatement().execute("LOCK TABLE cash_drawers IN ACCESS EXCLUSIVE MODE");
            assertThat(run(conn).get("locks on touched tables").status()).isEqualTo(PreCheck.Status.FAIL);
            reader.rollback();
        }
    }

    @Test
    void aRoleThatDoesNotOwnTheTouchedTablesFails() throws Exception {
        String role = "mo_limited_" + UUID.randomUUID().toString().substring(0, 8);
        shop.execute("CREATE ROLE " + role + " LOGIN");
        try (Connection conn = java.sql.DriverManager.getConnection(shop.jdbcUrl(), role, PostgresServer.get().password())) {
            PreCheck privileges = run(conn).get("privileges");
            assertThat(privileges.status()).isEqualTo(PreCheck.Status.FAIL);
            assertThat(privileges.detail()).contains(role + " does not own", "product_sales (owned by");
        } finally {
            shop.execute("DROP ROLE " + role);
        }
    }
}
