package dev.migrateops.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A team's repository as tests need it: a bare "origin" and a working clone that commits and pushes to it,
 * made with JGit on disk.
 */
public final class GitRepos implements AutoCloseable {

    private final Path origin;
    private final Git work;

    private GitRepos(Path origin, Git work) {
        this.origin = origin;
        this.work = work;
    }

    /** An empty bare repository and a clone of it, below {@code dir}; the default branch is {@code main}. */
    public static GitRepos create(Path dir) {
        try {
            Path origin = dir.resolve("origin.git");
            Git.init().setBare(true).setInitialBranch("main").setDirectory(origin.toFile()).call().close();
            Git work = Git.init().setInitialBranch("main").setDirectory(dir.resolve("work").toFile()).call();
            work.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(origin.toUri().toString())).call();
            return new GitRepos(origin, work);
        } catch (GitAPIException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a source setting points: the bare repository's path. */
    public String url() {
        return origin.toString();
    }

    /** Writes the files (path → text), commits them as {@code author} and pushes the branch; returns the commit id. */
    public String commit(String branch, String message, String author, Map<String, String> files) {
        try {
            checkout(branch);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = work.getRepository().getWorkTree().toPath().resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            work.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent(author, author.toLowerCase() + "@example.com");
            RevCommit commit = work.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
            work.push().setRemote("origin").setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/heads/" + branch)).call();
            return commit.getName();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void tag(String name, String commit) {
        try {
            work.tag().setName(name).setObjectId(work.getRepository().parseCommit(work.getRepository().resolve(commit)))
                    .setAnnotated(false).call();
            work.push().setRemote("origin").setRefSpecs(new RefSpec("refs/tags/" + name + ":refs/tags/" + name)).call();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkout(String branch) throws GitAPIException, IOException {
        if (work.getRepository().resolve("HEAD") == null) {
            return; // nothing committed yet: the first commit makes the branch
        }
        boolean exists = work.getRepository().findRef("refs/heads/" + branch) != null;
        work.checkout().setName(branch).setCreateBranch(!exists).call();
    }

    @Override
    public void close() {
        work.close();
    }

    static {
        // keep the user's and the system's git configuration out of the tests
        try {
            org.eclipse.jgit.util.SystemReader.getInstance().getUserConfig().clear();
        } catch (IOException | org.eclipse.jgit.errors.ConfigInvalidException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
