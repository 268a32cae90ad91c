package dev.migrateops.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/**
 * Sandbox mode: the web application started without any Slack token. The bot then talks to the local
 * Slack stand-in instead of Slack. The command line never runs in sandbox mode.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnExpression("'${migrateops.slack.bot-token:}'.isBlank() && '${migrateops.slack.app-token:}'.isBlank()")
public @interface ConditionalOnSandbox {
}
