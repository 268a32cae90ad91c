package dev.migrateops.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A small git repository made at start-up, holding the example migrations in Supabase's layout: the
 * sandbox's {@code supabase-demo} target reads it, so a newcomer sees a run pinned to a commit and
 * {@code supabase_migrations.schema_migrations} written beside MigrateOps' own history.
 */
final class SandboxRepository {

    private static final Pattern EXAMPLE = Pattern.compile("(\\d+)_([A-Za-z0-9_-]+?)(?:\\.(down|check|verify))?\\.sql");

    private SandboxRepository() {
    }

    /** Creates the repository in {@code dir} (which must not exist yet) from the examples; returns its path. */
    static Path create(Path examples, Path dir) {
        try (Stream<Path> files = Files.list(examples); Git git = Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call()) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Matcher m = EXAMPLE.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                Path into = m.group(3) == null ? dir.resolve("supabase/migrations").resolve(file.getFileName())
                        : dir.resolve("supabase/migrations/migrateops").resolve(m.group(1) + "." + m.group(3) + ".sql");
                Files.createDirectories(into.getParent());
                Files.copy(file, into);
            }
            Files.writeString(dir.resolve("README.md"), "The sandbox's example migrations in Supabase's layout.\n");
            git.add().addFilepattern(".").call();
            PersonIdent sandbox = new PersonIdent("MigrateOps sandbox", "sandbox@migrateops.invalid");
            git.commit().setMessage("Add the example migrations in Supabase's layout").setAuthor(sandbox).setCommitter(sandbox)
                    .setSign(false).call();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the sandbox's git repository in " + dir, e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("could not make the sandbox's git repository in " + dir + ": " + e.getMessage(), e);
        }
    }
}
