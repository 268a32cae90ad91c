package dev.migrateops.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL client tools on the PATH against the test server: pg_dump dumps servers of its own major and older
 * only. Where the server is newer (a 16 or 17 server of the version matrix on a machine with the 15 tools), the tests
 * that dump it are skipped with the reason, and the refusal itself is what is tested.
 */
public final class ClientTools {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private ClientTools() {
    }

    /** The major version of the pg_dump on the PATH. */
    public static int pgDumpMajor() {
        try {
            Process process = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("cannot read pg_dump's version from: " + out);
            }
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("no pg_dump on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int serverMajor(PostgresServer server) {
        try (Connection conn = server.connect(server.adminDatabase())) {
            return conn.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the tools on the PATH can dump the test server. */
    public static boolean canDump(PostgresServer server) {
        return pgDumpMajor() >= serverMajor(server);
    }

    /** Skips the test, saying why, where the tools on the PATH cannot dump the test server. */
    public static void assumeTheyCanDump(PostgresServer server) {
        int tools = pgDumpMajor();
        int major = serverMajor(server);
        Assumptions.assumeTrue(tools >= major, () -> "pg_dump " + tools + " cannot dump PostgreSQL " + major
                + ": needs the client tools of " + major + " or newer, which this machine lacks");
    }
}
