package dev.migrateops.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Counts what a run reads, from the debug lines of the readers: migration directory reads, history
 * reads, pre-check runs and lint passes.
 */
public final class ReadCounter implements AutoCloseable {

    static final Map<String, String> READERS = Map.of(
            "dev.migrateops.catalog.MigrationReader", "directory reads",
            "dev.migrateops.engine.MigrationHistory", "history reads",
            "dev.migrateops.engine.PreCheckRunner", "pre-check runs",
            "dev.migrateops.lint.DirectoryLinter", "lint passes");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers;

    public ReadCounter() {
        appender.start();
        loggers = READERS.keySet().stream().map(name -> (Logger) LoggerFactory.getLogger(name)).toList();
        loggers.forEach(logger -> {
            logger.setLevel(Level.DEBUG);
            logger.addAppender(appender);
        });
    }

    public void reset() {
        appender.list.clear();
    }

    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        List.of("directory reads", "history reads", "pre-check runs", "lint passes").forEach(kind -> counts.put(kind, 0L));
        appender.list.forEach(event -> counts.merge(READERS.get(event.getLoggerName()), 1L, Long::sum));
        return counts;
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.detachAppender(appender));
    }
}
