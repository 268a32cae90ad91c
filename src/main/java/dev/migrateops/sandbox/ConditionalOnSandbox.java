package dev.migrateops.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Conditional;

/**
 * Sandbox mode: the web application started with nothing production-like configured, or asked for with
 * {@code --sandbox} (or the {@code sandbox} profile). The bot then talks to the local Slack stand-in
 * instead of Slack. The command line never runs in sandbox mode.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Conditional(SandboxModeCondition.class)
public @interface ConditionalOnSandbox {
}
