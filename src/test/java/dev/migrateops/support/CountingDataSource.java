package dev.migrateops.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The bot's store as it is, counting what is sent to it: statements prepared or created, and
 * transactions committed (autocommit statements count as one each). A measuring tape, not a mock.
 */
public final class CountingDataSource extends DelegatingDataSource {

    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();

    public CountingDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws java.sql.SQLException {
        Connection real = super.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "prepareStatement", "createStatement", "prepareCall" -> {
                    statements.incrementAndGet();
                    if (real.getAutoCommit()) {
                        commits.incrementAndGet();
                    }
                }
                case "commit" -> commits.incrementAndGet();
                default -> { }
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** Statements and transactions since the last reset. */
    public record Tally(int statements, int transactions) {
    }

    public Tally tally() {
        return new Tally(statements.get(), commits.get());
    }

    public void reset() {
        statements.set(0);
        commits.set(0);
    }
}
