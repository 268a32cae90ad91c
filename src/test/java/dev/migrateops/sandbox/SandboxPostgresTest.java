package dev.migrateops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.support.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo targets on a configured server (no embedded PostgreSQL): made once, kept after that. */
class SandboxPostgresTest {

    private final PostgresServer server = PostgresServer.get();
    private final String database = "mo_sandbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final SandboxProperties settings = new SandboxProperties(null, server.jdbcUrl(server.adminDatabase()),
            "jdbc:postgresql://" + server.host() + ":" + server.port() + "/", server.user(), server.password(),
            List.of(database), new SandboxProperties.Channel("C0SANDBOX", "migrations"), List.of());

    @AfterEach
    void dropTheDemoDatabase() throws SQLException {
        try (Connection admin = server.connect(server.adminDatabase()); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void aDemoTargetIsCreatedWithTheDemoShopOnceAndKeptOnTheNextStart() throws SQLException {
        try (SandboxPostgres first = SandboxPostgres.start(settings, new DemoShop(Path.of("migrations", "demo")))) {
            assertThat(first.embedded()).isFalse();
        }
        try (Connection target = server.connect(database); Statement st = target.createStatement()) {
            assertThat(count(st, "product_sales")).isEqualTo(10_000);
            st.execute("DELETE FROM product_sales WHERE id <= 10");
        }

        try (SandboxPostgres second = SandboxPostgres.start(settings, new DemoShop(Path.of("migrations", "demo")))) {
            assertThat(second.storeUrl()).isEqualTo(settings.adminUrl());
        }

        try (Connection target = server.connect(database); Statement st = target.createStatement()) {
            assertThat(count(st, "product_sales")).as("what the first start made is kept").isEqualTo(9_990);
        }
    }

    @Test
    void withoutTheDemoShopTheStartSaysWhereItLookedAndMakesNoDatabase() {
        Path nowhere = Path.of("target", "no-such-demo");

        assertThatThrownBy(() -> SandboxPostgres.start(settings, new DemoShop(nowhere)))
                .hasMessageContaining("no-such-demo").hasMessageContaining("start MigrateOps from the repository's root");
        assertThat(server.databasesNamedLike(database)).isZero();
    }

    private static long count(Statement st, String table) throws SQLException {
        try (ResultSet rows = st.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
