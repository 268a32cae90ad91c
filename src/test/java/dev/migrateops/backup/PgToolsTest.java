package dev.migrateops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgToolsTest {

    @TempDir
    Path bin;

    private void fakeTool(String name, String version) throws Exception {
        Path tool = bin.resolve(name);
        Files.writeString(tool, "#!/bin/sh\necho '" + name + " (PostgreSQL) " + version + "'\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void toolsOlderThanTheServerAreRefusedWithWhatToInstall() throws Exception {
        fakeTool("pg_dump", "14.11");
        fakeTool("pg_restore", "14.11");
        fakeTool("psql", "14.11");
        PgTools tools = new PgTools(bin.toString());

        assertThat(tools.majorVersion(tools.pgDump())).isEqualTo(14);
        assertThatThrownBy(() -> tools.checkAgainst(150004)).isInstanceOf(BackupException.class)
                .hasMessageContaining("is version 14 but the server is 15: install postgresql-client-15 or newer");
        tools.checkAgainst(140011);
    }

    @Test
    void psqlRunsRestoresSoItIsCheckedToo() throws Exception {
        fakeTool("pg_dump", "15.20");
        fakeTool("pg_restore", "15.20");
        PgTools tools = new PgTools(bin.toString());

        assertThatThrownBy(() -> tools.checkAgainst(150004)).isInstanceOf(BackupException.class)
                .hasMessageContaining("psql was not found");
    }

    @Test
    void aMissingToolSaysWhichPackageToInstall() throws Exception {
        fakeTool("pg_restore", "15.20");
        PgTools tools = new PgTools(bin.toString());

        assertThatThrownBy(() -> tools.checkAgainst(150004)).isInstanceOf(BackupException.class)
                .hasMessageContaining("pg_dump was not found: install postgresql-client");
    }

    @Test
    void theMachinesOwnToolsAreFoundOnThePath() {
        PgTools tools = new PgTools("");
        assertThat(tools.majorVersion(tools.pgDump())).isGreaterThanOrEqualTo(15);
    }
}
