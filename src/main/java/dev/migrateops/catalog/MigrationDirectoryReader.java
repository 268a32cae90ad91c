package dev.migrateops.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a flat directory of migration files into a {@link MigrationCatalog}.
 *
 * <p>Names: {@code <version>_<name>.sql} with companions {@code .down.sql}, {@code .check.sql},
 * {@code .verify.sql}; or Flyway's {@code V<version>__<name>.sql} with {@code U<version>__<name>.sql} as
 * its undo. Files that do not end in {@code .sql}, hidden files and subdirectories are ignored. Every
 * problem is reported with the file it concerns.
 */
public final class MigrationDirectoryReader {

    private static final Pattern NATIVE = Pattern.compile("(\\d+)_([A-Za-z0-9][A-Za-z0-9_-]*)(?:\\.(down|check|verify))?\\.sql");
    private static final Pattern FLYWAY = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    private static final String NAMING = "name migrations <version>_<name>.sql (with optional .down.sql, .check.sql, "
            + ".verify.sql) or Flyway's V<version>__<name>.sql / U<version>__<name>.sql";

    private enum Kind { UP, DOWN, CHECK, VERIFY }

    private record FileName(Path path, MigrationVersion version, String name, Kind kind, boolean flyway) {
        String file() {
            return path.getFileName().toString();
        }
    }

    /** The files found for one version, before they are checked for completeness. */
    private static final class Group {
        FileName up;
        final Map<Kind, FileName> companions = new TreeMap<>();
    }

    private static final Logger log = LoggerFactory.getLogger(MigrationDirectoryReader.class);

    private final SqlScriptParser parser = new SqlScriptParser();

    /** The migrations of a directory; the first file that cannot be read stops it (see {@link #readLeniently}). */
    public MigrationCatalog read(Path directory) {
        Reading reading = readLeniently(directory);
        if (!reading.problems().isEmpty()) {
            throw reading.problems().get(0);
        }
        return reading.catalog();
    }

    /**
     * What could be read, and why the rest could not: for the linter, which reports every unreadable file
     * as a finding and still lints the others.
     */
    public record Reading(MigrationCatalog catalog, List<CatalogException> problems) {
        public Reading {
            problems = List.copyOf(problems);
        }
    }

    public Reading readLeniently(Path directory) {
        log.debug("reading migrations from {}", directory);
        List<CatalogException> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            problems.add(new CatalogException("migrations directory '" + directory + "' does not exist or is not a directory"));
            return new Reading(new MigrationCatalog(directory, List.of()), problems);
        }
        Map<MigrationVersion, Group> groups = new TreeMap<>();
        for (Path path : sqlFiles(directory)) {
            try {
                FileName name = parseName(path);
                Group group = groups.computeIfAbsent(name.version(), v -> new Group());
                FileName clash = name.kind() == Kind.UP ? group.up : group.companions.get(name.kind());
                if (clash != null) {
                    throw new CatalogException("version " + name.version() + " is defined twice: " + clash.file()
                            + " and " + name.file() + " — give each migration its own version");
                }
                if (name.kind() == Kind.UP) {
                    group.up = name;
                } else {
                    group.companions.put(name.kind(), name);
                }
            } catch (CatalogException e) {
                problems.add(e);
            }
        }
        List<Migration> migrations = new ArrayList<>();
        for (Group group : groups.values()) {
            try {
                migrations.add(toMigration(group));
            } catch (CatalogException e) {
                problems.add(e);
            }
        }
        return new Reading(new MigrationCatalog(directory, migrations), problems);
    }

    private Migration toMigration(Group group) {
        for (FileName companion : group.companions.values()) {
            boolean matches = group.up != null && (companion.flyway() || companion.name().equals(group.up.name()));
            if (!matches) {
                String expected = companion.flyway() ? "V" + companion.version() + "__<name>.sql"
                        : companion.version() + "_" + companion.name() + ".sql";
                throw new CatalogException(companion.file() + " has no up file: expected " + expected
                        + (group.up == null ? "" : " (version " + companion.version() + " is " + group.up.file() + ")"));
            }
        }
        String upText = readUtf8(group.up.path());
        return new Migration(group.up.version(), group.up.name(), checksum(upText),
                parser.parse(group.up.path(), upText),
                companion(group, Kind.DOWN), companion(group, Kind.CHECK), companion(group, Kind.VERIFY));
    }

    private Optional<SqlScript> companion(Group group, Kind kind) {
        FileName file = group.companions.get(kind);
        return file == null ? Optional.empty() : Optional.of(parser.parse(file.path(), readUtf8(file.path())));
    }

    private static List<Path> sqlFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new CatalogException("cannot list migrations directory '" + directory + "': " + e.getMessage(), e);
        }
    }

    private static FileName parseName(Path path) {
        String file = path.getFileName().toString();
        Matcher flyway = FLYWAY.matcher(file);
        if (flyway.matches()) {
            Kind kind = flyway.group(1).equals("V") ? Kind.UP : Kind.DOWN;
            return new FileName(path, MigrationVersion.parse(flyway.group(2)), flyway.group(3), kind, true);
        }
        Matcher nativeName = NATIVE.matcher(file);
        if (nativeName.matches()) {
            Kind kind = nativeName.group(3) == null ? Kind.UP : Kind.valueOf(nativeName.group(3).toUpperCase());
            return new FileName(path, MigrationVersion.parse(nativeName.group(1)), nativeName.group(2), kind, false);
        }
        if (file.startsWith("R__")) {
            throw new CatalogException(file + ": repeatable migrations (R__) are not supported; " + NAMING);
        }
        throw new CatalogException("cannot read a version from '" + file + "': " + NAMING);
    }

    private static String readUtf8(Path path) {
        try {
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new CatalogException(path.getFileName() + " is not UTF-8 text: save it as UTF-8", e);
        } catch (IOException e) {
            throw new CatalogException("cannot read " + path.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Line endings are normalised so that a checkout with CRLF does not look like drift. */
    static String checksum(String text) {
        return Sha256.hex(text.replace("\r\n", "\n"));
    }
}
