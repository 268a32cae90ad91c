package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationCatalog;
import dev.migrateops.catalog.MigrationVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * On first contact with a database whose team's tool already applied migrations, takes what that tool's
 * history table says as applied instead of planning it again. A file whose checksum differs from that
 * table's record is drift, with both checksums.
 */
final class ToolAdoption {

    /**
     * What the tool's table adds to MigrateOps' own history.
     *
     * @param table   the tool's history table
     * @param adopted the migrations it says are applied that MigrateOps' history does not know yet
     * @param drift   files that differ from what the table recorded
     */
    record Adoption(String table, List<Migration> adopted, List<Drift> drift) {

        static final Adoption NONE = new Adoption("", List.of(), List.of());

        /** The own history with the adopted migrations in it, as a plan must see it. */
        List<AppliedMigration> history(List<AppliedMigration> own, Instant now, String commit) {
            List<AppliedMigration> rows = new ArrayList<>(own);
            for (Migration m : adopted) {
                rows.add(new AppliedMigration(m.version().text(), m.name(), m.checksum(), adoptedBy(), null,
                        "adopted from " + table, now, now, 0, true, null, commit));
            }
            return rows;
        }

        String adoptedBy() {
            return "MigrateOps, from " + table;
        }
    }

    Adoption read(Connection conn, MigrationCatalog catalog, List<AppliedMigration> own) throws SQLException {
        Optional<ToolHistory> tool = ToolHistory.of(catalog.layout());
        if (tool.isEmpty()) {
            return Adoption.NONE;
        }
        List<ToolHistory.Entry> entries = tool.get().read(conn);
        List<Migration> adopted = new ArrayList<>();
        List<Drift> drift = new ArrayList<>();
        for (ToolHistory.Entry entry : entries) {
            Optional<Migration> file = catalog.migrations().stream().filter(m -> tool.get().versionOf(m).equals(entry.version())).findFirst();
            if (file.isEmpty() || known(own, file.get().version())) {
                continue; // a row without a file is the tool's business until MigrateOps' own history names it
            }
            Optional<String> expected = tool.get().checksumOf(file.get());
            if (entry.checksum().isPresent() && expected.isPresent() && !entry.checksum().get().equals(expected.get())) {
                drift.add(new Drift(file.get().version().text(), Drift.Kind.CHECKSUM_CHANGED, file.get().up().fileName()
                        + " differs from what " + tool.get().table() + " recorded as applied (checksum " + entry.checksum().get()
                        + " there, " + expected.get() + " for the file now): restore the applied text and put the change in a new migration"));
            } else {
                adopted.add(file.get());
            }
        }
        return new Adoption(tool.get().table(), adopted, drift);
    }

    private static boolean known(List<AppliedMigration> own, MigrationVersion version) {
        return own.stream().anyMatch(row -> version.is(row.version()));
    }
}
