package dev.migrateops.support;

import dev.migrateops.audit.Actor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds any value of the domain — records, sealed types, classes by their widest constructor — with every string an
 * attacker could control set to one hostile text: what a file name, a table, a commit message, a database error or a
 * query could hold. Slack ids of people and configured names (target, channel) stay well-formed: Slack and the operator
 * give those. For property tests of the renderers.
 */
public final class HostileValues {

    /** Each would become a mention, a broadcast, a link, a channel or a date if Slack read it as markup. */
    public static final List<String> MARKUP = List.of("<@U0EVIL>", "<!everyone>", "<!channel>", "<!here>", "<#C0EVIL>",
            "<!subteam^S0EVIL>", "<https://evil.example|click>", "<!date^1700000000^{date}|x>");

    /** The hostile text: every piece of markup, formatting characters, a control character and emoji. */
    public static final String TEXT = String.join(" ", MARKUP) + " *bold* _it_ ~s~ `c` \u0007 🚨 & done";

    private static final Set<String> TRUSTED = Set.of("target", "channel", "incidentChannel");

    private final String text;

    private HostileValues(String text) {
        this.text = text;
    }

    public static HostileValues with(String text) {
        return new HostileValues(text);
    }

    /** A value of the type, built as described above. */
    @SuppressWarnings("unchecked")
    public <T> T of(Class<T> type) {
        return (T) value(type, type, null, 0);
    }

    private Object value(Type generic, Class<?> type, String name, int depth) {
        if (type == String.class) {
            return name != null && TRUSTED.contains(name) ? "production" : text;
        }
        if (type == int.class || type == Integer.class) {
            return 2;
        }
        if (type == long.class || type == Long.class) {
            return 42L;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == double.class || type == Double.class) {
            return 1.5;
        }
        if (type == BigDecimal.class) {
            return BigDecimal.ONE;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-21T02:00:00Z");
        }
        if (type == Duration.class) {
            return Duration.ofSeconds(75);
        }
        if (type == Path.class) {
            return Path.of("/tmp", text);
        }
        if (type == Actor.class) {
            return new Actor("U0ALICE", text);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == Optional.class) {
            return Optional.ofNullable(element(generic, 0, depth));
        }
        if (type == List.class || type == java.util.Collection.class || type == Iterable.class) {
            Object element = element(generic, 0, depth);
            return element == null ? List.of() : List.of(element);
        }
        if (type == Set.class) {
            Object element = element(generic, 0, depth);
            return element == null ? Set.of() : Set.of(element);
        }
        if (type == Map.class) {
            Object key = element(generic, 0, depth);
            Object value = element(generic, 1, depth);
            return key == null || value == null ? Map.of() : Map.of(key, value);
        }
        if (depth > 8) {
            return null;
        }
        if (type.isSealed()) {
            return value(type.getPermittedSubclasses()[0], type.getPermittedSubclasses()[0], name, depth + 1);
        }
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                args[i] = value(components[i].getGenericType(), components[i].getType(), components[i].getName(), depth + 1);
            }
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return construct(type, types, args);
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return null;
        }
        Constructor<?> widest = Arrays.stream(type.getDeclaredConstructors()).max(Comparator.comparingInt(Constructor::getParameterCount))
                .orElseThrow();
        Parameter[] parameters = widest.getParameters();
        Object[] args = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            args[i] = value(parameters[i].getParameterizedType(), parameters[i].getType(), parameters[i].getName(), depth + 1);
        }
        return construct(type, widest.getParameterTypes(), args);
    }

    private Object element(Type generic, int index, int depth) {
        if (generic instanceof ParameterizedType parameterized) {
            Type argument = parameterized.getActualTypeArguments()[index];
            Class<?> raw = argument instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                    : argument instanceof Class<?> c ? c : Object.class;
            return raw == Object.class ? null : value(argument, raw, null, depth + 1);
        }
        return null;
    }

    private static Object construct(Class<?> type, Class<?>[] types, Object[] args) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a " + type.getSimpleName() + " of hostile values: "
                    + (e.getCause() == null ? e : e.getCause()), e);
        }
    }
}
