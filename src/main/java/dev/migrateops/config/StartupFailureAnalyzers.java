package dev.migrateops.config;

import org.postgresql.util.PSQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Spring Boot's short "APPLICATION FAILED TO START" report, instead of a stack trace, for the ways a
 * MigrateOps start usually fails: a missing setting, and a database that cannot be reached or refuses
 * the login. Registered in {@code META-INF/spring.factories}.
 */
public final class StartupFailureAnalyzers {

    private StartupFailureAnalyzers() {
    }

    /** A setting the mode needs is missing. */
    public static final class MissingSetting extends AbstractFailureAnalyzer<MissingSettingException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingException cause) {
            return new FailureAnalysis(cause.getMessage(), "Set " + cause.setting() + ". " + cause.context(), cause);
        }
    }

    /** A service the bot needs at start-up cannot be reached: said as that, never as a bad token. */
    public static final class ServiceUnreachable extends AbstractFailureAnalyzer<UnreachableServiceException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, UnreachableServiceException cause) {
            return new FailureAnalysis(cause.getMessage(), "Check the network route (proxy, firewall, DNS) from the bot to it, and "
                    + cause.setting() + ". Nothing is wrong with the token as far as anyone can tell yet.", cause);
        }
    }

    /** PostgreSQL refused the connection or the login (SQLSTATE class 08 or 28); its message names no password. */
    public static final class DatabaseUnreachable extends AbstractFailureAnalyzer<PSQLException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, PSQLException cause) {
            String state = cause.getSQLState() == null ? "" : cause.getSQLState();
            if (!state.startsWith("08") && !state.startsWith("28")) {
                return null;
            }
            return new FailureAnalysis("A database MigrateOps needs at start-up cannot be used: " + cause.getMessage()
                    + " (SQLSTATE " + state + ").", state.startsWith("28")
                    ? "Check the user and password (SPRING_DATASOURCE_USERNAME / _PASSWORD for the bot's store)."
                    : "Check that the server runs and that SPRING_DATASOURCE_URL (the bot's store) points at it.", cause);
        }
    }
}
