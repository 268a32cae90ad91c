package dev.migrateops.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.config.TargetProperties;
import dev.migrateops.support.PostgresServer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What stands between the bot and a target is said by name, at once, not as the pool's timeout. */
class TargetConnectionTest {

    static Stream<Arguments> faults() {
        PostgresServer server = PostgresServer.get();
        return Stream.of(
                Arguments.of("a database that does not exist", server.jdbcUrl("mo_no_such_database"),
                        "database \"mo_no_such_database\" does not exist"),
                Arguments.of("a refused port", "jdbc:postgresql://127.0.0.1:1/postgres", "127.0.0.1:1 refused"),
                Arguments.of("an unknown host", "jdbc:postgresql://no-such-host.invalid:5432/postgres", "no-such-host.invalid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void eachFaultIsNamedWithinASecondOrTwo(String fault, String jdbcUrl, String named) {
        TargetProperties settings = TargetProperties.of(jdbcUrl, PostgresServer.get().user(), PostgresServer.get().password(),
                Path.of("migrations"), "#db-changes", 0);
        try (TargetDatabase target = new TargetDatabase("shop", settings)) {
            long start = System.nanoTime();
            assertThatThrownBy(target::connection).isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("cannot connect to shop (").hasMessageContaining(named)
                    .message().doesNotContain("request timed out");
            // the time to the answer is reported, not asserted: a figure for the note, from this line
            System.out.printf("connection fault %-32s answered in %d ms%n", fault, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
