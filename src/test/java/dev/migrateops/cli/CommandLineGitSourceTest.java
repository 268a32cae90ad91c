package dev.migrateops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.audit.Actor;
import dev.migrateops.config.ApplyProperties;
import dev.migrateops.config.MigrateOpsProperties;
import dev.migrateops.config.SourceProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.support.Engines;
import dev.migrateops.support.GitRepos;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.support.Tracers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's plan and lint on a target whose migrations are in a git repository, at a ref. */
class CommandLineGitSourceTest {

    @TempDir
    Path dir;

    private GitRepos repo;
    private TestDatabase db;
    private MigrationEngine engine;
    private String first;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void aPrismaProjectOnTwoBranches() {
        repo = GitRepos.create(dir);
        first = repo.commit("main", "Create users", "Alice", Map.of(
                "prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE users (id int PRIMARY KEY);\n"));
        repo.commit("risky", "Drop users", "Mallory", Map.of(
                "prisma/migrations/20240201000000_drop/migration.sql", "DROP TABLE users;\n"));
        db = PostgresServer.get().createDatabase("cli_git");
        TargetProperties plain = db.target(Path.of("unused"), 0);
        TargetProperties target = new TargetProperties(plain.jdbcUrl(), plain.username(), plain.password(), plain.migrationsDir(),
                "C0DEV", 0, Duration.ofSeconds(5), Duration.ofSeconds(3), 2, List.of(), null, null, false, Duration.ofHours(4),
                TargetProperties.BackupMode.OFF, null, null, TargetProperties.TraceMode.OFF, "app", null, null, null, null, null, null, null);
        engine = Engines.over(new MigrateOpsProperties(Map.of("dev", target), ApplyProperties.defaults(),
                Map.of("app", new SourceProperties(repo.url(), "main", "", null, "https://git.example.com/acme/app", null, null, null)),
                dir.resolve("cache")));
    }

    @AfterEach
    void close() {
        engine.targets().close();
        db.close();
        repo.close();
    }

    private int cli(String... args) {
        out.reset();
        err.reset();
        return new MigrateOpsCli(engine, Tracers.onThisMachine(), new Actor("cli:carol", "carol"), CommandAudit.NONE,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void planShowsTheCommitTheRefResolvedTo() {
        assertThat(cli("plan", "dev")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("1 pending")
                .contains("commit " + first.substring(0, 7) + " Create users — Alice (https://git.example.com/acme/app/commit/" + first + ")")
                .contains("20240101000000 init");
        assertThat(cli("plan", "dev", "--ref", "risky")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 pending").contains("Drop users").contains("drop");
    }

    @Test
    void lintWithATargetAndNoDirectoryLintsTheTargetsSourceAtTheRef() {
        assertThat(cli("lint", "--target", "dev", "--ref", "risky", "--format", "json")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("prisma/migrations/20240201000000_drop/migration.sql")
                .contains("\"rule\"");
    }

    @Test
    void anUnknownRefAndARefWithADirectoryAreRefused() {
        assertThat(cli("plan", "dev", "--ref", "nope")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'nope' is not a branch, tag or commit");
        assertThat(cli("lint", "migrations", "--ref", "risky")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--ref reads a target's git source");
    }
}
