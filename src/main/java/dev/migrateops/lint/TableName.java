package dev.migrateops.lint;

/** Table names as PostgreSQL resolves them: unquoted parts fold to lower case, unqualified means public. */
final class TableName {

    private TableName() {
    }

    static String qualify(String written) {
        String[] parts = splitOutsideQuotes(written.strip());
        return parts.length == 1 ? "public." + part(parts[0]) : part(parts[0]) + "." + part(parts[1]);
    }

    /** A resolved name ({@code public.CashDrawer}) as it must be typed in psql: {@code public."CashDrawer"}. */
    static String display(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? quoted(qualified) : quoted(qualified.substring(0, dot)) + "." + quoted(qualified.substring(dot + 1));
    }

    private static String quoted(String part) {
        return part.matches("[a-z_][a-z0-9_$]*") ? part : "\"" + part.replace("\"", "\"\"") + "\"";
    }

    private static String part(String p) {
        return p.startsWith("\"") ? p.substring(1, p.length() - 1).replace("\"\"", "\"") : p.toLowerCase();
    }

    private static String[] splitOutsideQuotes(String name) {
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                return new String[] {name.substring(0, i), name.substring(i + 1)};
            }
        }
        return new String[] {name};
    }
}
