package dev.migrateops.catalog;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a team lays out its migration files, and so which tool's history table must agree with a run.
 * Companions (down, check, verify) sit where that tool does not read them as migrations.
 */
public enum MigrationLayout {

    /** {@code <version>_<name>.sql} with {@code .down.sql}, {@code .check.sql}, {@code .verify.sql} beside it. */
    MIGRATEOPS("migrateops", "", "name migrations <version>_<name>.sql (with optional .down.sql, .check.sql, "
            + ".verify.sql) or Flyway's V<version>__<name>.sql / U<version>__<name>.sql"),
    /** {@code supabase/migrations/<timestamp>_<name>.sql}; companions in a {@code migrateops} folder among them. */
    SUPABASE("supabase", "supabase/migrations/", "name migrations <timestamp>_<name>.sql, companions "
            + "migrateops/<timestamp>.down.sql, .check.sql, .verify.sql"),
    /** {@code prisma/migrations/<timestamp>_<name>/migration.sql}; companions {@code down.sql}, {@code check.sql}, {@code verify.sql} beside it. */
    PRISMA("prisma", "prisma/migrations/", "put each migration in <timestamp>_<name>/migration.sql, companions "
            + "down.sql, check.sql, verify.sql in the same folder"),
    /** {@code V<version>__<description>.sql}, {@code U…} as its down; other companions in {@code migrateops/}. */
    FLYWAY("flyway", "", "name migrations V<version>__<description>.sql with U<version>__<description>.sql as "
            + "the undo, companions migrateops/<version>.check.sql, .verify.sql");

    /** What a file is to a migration. */
    public enum Kind { UP, DOWN, CHECK, VERIFY }

    /**
     * A file the layout reads.
     *
     * @param path    relative to the source's root
     * @param version as written
     * @param name    the migration's description; empty for companions named by version only
     * @param namedAfterUp true for a companion that must repeat its up file's name ({@code 1_a.down.sql} of {@code 1_a.sql})
     */
    public record LayoutFile(String path, String version, String name, Kind kind, boolean namedAfterUp) {

        LayoutFile(String path, String version, String name, Kind kind) {
            this(path, version, name, kind, false);
        }
    }

    private static final Pattern NATIVE = Pattern.compile("(\\d+)_([A-Za-z0-9][A-Za-z0-9_-]*)(?:\\.(down|check|verify))?\\.sql");
    private static final Pattern FLYWAY_NAME = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    private static final Pattern SUPABASE_NAME = Pattern.compile("(\\d+)_(.*)\\.sql");
    private static final Pattern PRISMA_FILE = Pattern.compile("(\\d+)_([^/]+)/(migration|down|check|verify)\\.sql");
    private static final Pattern COMPANION = Pattern.compile("migrateops/(\\d+(?:[._]\\d+)*)\\.(down|check|verify)\\.sql");
    private static final String COMPANIONS = "migrateops/";

    private final String id;
    private final String conventionalFolder;
    private final String naming;

    MigrationLayout(String id, String conventionalFolder, String naming) {
        this.id = id;
        this.conventionalFolder = conventionalFolder;
        this.naming = naming;
    }

    /** As written in settings and shown to people: {@code supabase}. */
    public String id() {
        return id;
    }

    /** How files must be named in this layout, for messages. */
    public String naming() {
        return naming;
    }

    /**
     * The layout of a set of files: the tool's folder below the root (or the root's own name, for a
     * source that points into it), Prisma's folders, Flyway's names; otherwise MigrateOps' own.
     */
    public static MigrationLayout detect(String root, List<String> paths) {
        String normalized = root.replace('\\', '/').replaceAll("/+$", "");
        for (MigrationLayout layout : List.of(SUPABASE, PRISMA)) {
            String folder = layout.conventionalFolder.substring(0, layout.conventionalFolder.length() - 1);
            if (normalized.endsWith(folder) || paths.stream().anyMatch(p -> p.startsWith(layout.conventionalFolder))) {
                return layout;
            }
        }
        if (paths.stream().anyMatch(p -> PRISMA_FILE.matcher(p).matches() && p.endsWith("/migration.sql"))) {
            return PRISMA;
        }
        boolean flyway = paths.stream().anyMatch(p -> FLYWAY_NAME.matcher(fileName(p)).matches());
        boolean nativeNames = paths.stream().anyMatch(p -> !p.contains("/") && NATIVE.matcher(p).matches());
        return flyway && !nativeNames ? FLYWAY : MIGRATEOPS;
    }

    /** The layout named in settings ({@code supabase}), or empty for auto-detection. */
    public static Optional<MigrationLayout> named(String id) {
        if (id == null || id.isBlank() || id.equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        for (MigrationLayout layout : values()) {
            if (layout.id.equalsIgnoreCase(id.trim())) {
                return Optional.of(layout);
            }
        }
        throw new CatalogException("unknown layout '" + id + "': use auto, migrateops, supabase, prisma or flyway");
    }

    /** Where this layout's migrations sit below the root: the tool's conventional folder when the files have it. */
    public String folder(List<String> paths) {
        return !conventionalFolder.isEmpty() && paths.stream().anyMatch(p -> p.startsWith(conventionalFolder))
                ? conventionalFolder : "";
    }

    /**
     * What the file at {@code path} (relative to {@link #folder}) is to this layout; empty for files it does
     * not read. A {@code .sql} file it would read but cannot name is a {@link CatalogException}.
     */
    public Optional<LayoutFile> classify(String path) {
        if (!path.endsWith(".sql")) {
            return Optional.empty();
        }
        return switch (this) {
            case MIGRATEOPS -> path.contains("/") ? Optional.empty() : Optional.of(ownOrFlyway(path));
            case SUPABASE -> supabase(path);
            case PRISMA -> prisma(path);
            case FLYWAY -> flyway(path);
        };
    }

    private LayoutFile ownOrFlyway(String path) {
        Matcher flyway = FLYWAY_NAME.matcher(path);
        if (flyway.matches()) {
            return new LayoutFile(path, flyway.group(2), flyway.group(3), flyway.group(1).equals("V") ? Kind.UP : Kind.DOWN);
        }
        Matcher own = NATIVE.matcher(path);
        if (own.matches()) {
            Kind kind = own.group(3) == null ? Kind.UP : Kind.valueOf(own.group(3).toUpperCase());
            return new LayoutFile(path, own.group(1), own.group(2), kind, kind != Kind.UP);
        }
        if (path.startsWith("R__")) {
            throw new CatalogException(path + ": repeatable migrations (R__) are not supported; " + naming);
        }
        throw unnamed(path);
    }

    private Optional<LayoutFile> supabase(String path) {
        if (path.startsWith(COMPANIONS)) {
            return Optional.of(companion(path));
        }
        if (path.contains("/")) {
            return Optional.empty();
        }
        Matcher m = SUPABASE_NAME.matcher(path);
        if (!m.matches()) {
            throw unnamed(path);
        }
        return Optional.of(new LayoutFile(path, m.group(1), m.group(2), Kind.UP));
    }

    private Optional<LayoutFile> prisma(String path) {
        Matcher m = PRISMA_FILE.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind = m.group(3).equals("migration") ? Kind.UP : Kind.valueOf(m.group(3).toUpperCase());
        return Optional.of(new LayoutFile(path, m.group(1), m.group(2), kind));
    }

    private Optional<LayoutFile> flyway(String path) {
        if (path.startsWith(COMPANIONS)) {
            return Optional.of(companion(path));
        }
        String file = fileName(path);
        Matcher m = FLYWAY_NAME.matcher(file);
        if (m.matches()) {
            return Optional.of(new LayoutFile(path, m.group(2), m.group(3), m.group(1).equals("V") ? Kind.UP : Kind.DOWN));
        }
        if (file.startsWith("R__")) {
            throw new CatalogException(path + ": repeatable migrations (R__) are not supported; " + naming);
        }
        return Optional.empty(); // Flyway leaves other .sql files (callbacks, notes) alone, and so do we
    }

    private LayoutFile companion(String path) {
        Matcher m = COMPANION.matcher(path);
        if (!m.matches()) {
            throw unnamed(path);
        }
        return new LayoutFile(path, m.group(1), "", Kind.valueOf(m.group(2).toUpperCase()));
    }

    private CatalogException unnamed(String path) {
        return new CatalogException("cannot read a version from '" + path + "': " + naming);
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
