package dev.migrateops.catalog;

import dev.migrateops.catalog.MigrationLayout.Kind;
import dev.migrateops.catalog.MigrationLayout.LayoutFile;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads migration files — a directory or a git commit — into a {@link MigrationCatalog}, in the layout
 * the files are in (detected, or as configured). Files a layout does not read are ignored; every problem
 * is reported with the file it concerns.
 */
public final class MigrationReader {

    /** The files found for one version, before they are checked for completeness. */
    private static final class Group {
        LayoutFile up;
        final Map<Kind, LayoutFile> companions = new EnumMap<>(Kind.class);
    }

    private static final Logger log = LoggerFactory.getLogger(MigrationReader.class);

    private final SqlScriptParser parser = new SqlScriptParser();

    /** The migrations of a directory; the first file that cannot be read stops it (see {@link #readLeniently}). */
    public MigrationCatalog read(Path directory) {
        return read(new DirectoryFiles(directory), Optional.empty());
    }

    public MigrationCatalog read(MigrationFiles files, Optional<MigrationLayout> layout) {
        Reading reading = readLeniently(files, layout);
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
        return readLeniently(new DirectoryFiles(directory), Optional.empty());
    }

    public Reading readLeniently(MigrationFiles files, Optional<MigrationLayout> configured) {
        log.debug("reading migrations from {}", files.describe());
        List<CatalogException> problems = new ArrayList<>();
        List<String> paths;
        try {
            paths = files.list();
        } catch (CatalogException e) {
            return new Reading(new MigrationCatalog(files.describe(), configured.orElse(MigrationLayout.MIGRATEOPS), List.of()),
                    List.of(e));
        }
        MigrationLayout layout = configured.orElseGet(() -> MigrationLayout.detect(files.describe(), paths));
        String folder = layout.folder(paths);
        Map<MigrationVersion, Group> groups = new TreeMap<>();
        for (String path : paths) {
            if (!path.startsWith(folder)) {
                continue;
            }
            try {
                Optional<LayoutFile> file = layout.classify(path.substring(folder.length()));
                if (file.isPresent()) {
                    add(groups, file.get());
                }
            } catch (CatalogException e) {
                problems.add(e);
            }
        }
        List<Migration> migrations = new ArrayList<>();
        for (Group group : groups.values()) {
            try {
                migrations.add(toMigration(files, folder, layout, group));
            } catch (CatalogException e) {
                problems.add(e);
            }
        }
        return new Reading(new MigrationCatalog(files.describe(), layout, migrations), problems);
    }

    private static void add(Map<MigrationVersion, Group> groups, LayoutFile file) {
        Group group = groups.computeIfAbsent(MigrationVersion.parse(file.version()), v -> new Group());
        LayoutFile clash = file.kind() == Kind.UP ? group.up : group.companions.get(file.kind());
        if (clash != null) {
            throw new CatalogException("version " + file.version() + " is defined twice: " + clash.path()
                    + " and " + file.path() + " — give each migration its own version");
        }
        if (file.kind() == Kind.UP) {
            group.up = file;
        } else {
            group.companions.put(file.kind(), file);
        }
    }

    private Migration toMigration(MigrationFiles files, String folder, MigrationLayout layout, Group group) {
        for (LayoutFile companion : group.companions.values()) {
            boolean named = !companion.namedAfterUp() || group.up != null && companion.name().equals(group.up.name());
            if (group.up == null || !named) {
                String expected = companion.namedAfterUp()
                        ? companion.version() + "_" + companion.name() + ".sql" : "an up file of version " + companion.version();
                throw new CatalogException(companion.path() + " has no up file: expected " + expected
                        + (group.up == null ? "" : " (version " + companion.version() + " is " + group.up.path() + ")"));
            }
        }
        String upText = text(files, folder + group.up.path());
        return new Migration(MigrationVersion.parse(group.up.version()), group.up.name(), checksum(upText),
                parser.parse(Path.of(folder + group.up.path()), upText),
                companion(files, folder, group, Kind.DOWN), companion(files, folder, group, Kind.CHECK),
                companion(files, folder, group, Kind.VERIFY),
                new MigrationOrigin(layout, group.up.path(), upText));
    }

    private Optional<SqlScript> companion(MigrationFiles files, String folder, Group group, Kind kind) {
        LayoutFile file = group.companions.get(kind);
        if (file == null) {
            return Optional.empty();
        }
        String path = folder + file.path();
        return Optional.of(parser.parse(Path.of(path), text(files, path)));
    }

    private static String text(MigrationFiles files, String path) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(files.read(path))).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new CatalogException(Path.of(path).getFileName() + " is not UTF-8 text: save it as UTF-8", e);
        }
    }

    /** Line endings are normalised so that a checkout with CRLF does not look like drift. */
    static String checksum(String text) {
        return Sha256.hex(text.replace("\r\n", "\n"));
    }
}
