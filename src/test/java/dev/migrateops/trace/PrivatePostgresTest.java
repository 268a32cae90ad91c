package dev.migrateops.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.backup.PgConnection;
import dev.migrateops.config.TraceProperties;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bot's own trace server: its superuser's password known to the bot alone, loopback only, gone when closed. */
class PrivatePostgresTest {

    @Test
    void onlyTheBotCanLogInAndNothingIsLeftOnceItStops() throws Exception {
        Path bin = ServerBinaries.find(TraceProperties.defaults(), 15).orElseThrow();
        PgConnection admin;
        try (PrivatePostgres server = PrivatePostgres.start(bin)) {
            admin = server.admin();
            try (Connection conn = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                 Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SHOW listen_addresses")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(admin.jdbcUrl(), admin.user(), "guessed")).hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(admin.jdbcUrl() + "?user=postgres")).hasMessageContaining("password");
        }
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", admin.port()), 1000))
                .as("stopped with the bot's close").isInstanceOf(java.io.IOException.class);
    }

    @Test
    void theBinariesAnEmbeddedPostgresUnpackedServeToo() throws Exception {
        Path unpacked = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start().close(); // unpacks them, as the sandbox does
        List<Path> bins;
        try (Stream<Path> dirs = Files.list(unpacked)) {
            bins = dirs.map(d -> d.resolve("bin")).filter(d -> Files.isExecutable(d.resolve("initdb"))).toList();
        }
        try (PrivatePostgres server = PrivatePostgres.start(bins.get(0));
             Connection conn = DriverManager.getConnection(server.admin().jdbcUrl(), server.admin().user(), server.admin().password())) {
            assertThat(conn.isValid(2)).isTrue();
        }
    }
}
