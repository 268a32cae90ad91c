package dev.migrateops.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The command line's streams: stdout carries the command's output — text, JSON, SARIF — and nothing else, so that a
 * pipeline can parse it; logs (an embedded PostgreSQL's, Spring's, the bot's) go to stderr, warnings and errors only.
 * Spring Boot is told to leave logging alone, or it would put its console appender back on stdout when it starts.
 */
public final class CommandLineLogging {

    private CommandLineLogging() {
    }

    /** For the command-line process only, before anything logs. */
    public static void toStandardError() {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        // a failed start is told by the command in one line (and by a failure analysis, where Spring has one): not
        // once more with its stack trace by Spring and again by the context
        context.getLogger("org.springframework.boot.SpringApplication").setLevel(Level.OFF);
        context.getLogger("org.springframework.context").setLevel(Level.ERROR);
    }
}
