package dev.migrateops.catalog;

import dev.migrateops.config.SourceProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One git repository of migrations, kept as a bare clone in the cache: each plan fetches and resolves its
 * ref to a commit; a run reads the files of its commit from the clone, fetching only if the commit is not
 * there yet. Credentials — an https token from the environment, an ssh key file — never appear in messages.
 */
public final class GitSource {

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final Logger log = LoggerFactory.getLogger(GitSource.class);

    private final String name;
    private final SourceProperties settings;
    private final Path clone;

    public GitSource(String name, SourceProperties settings, Path cacheDir) {
        this.name = name;
        this.settings = settings;
        this.clone = cacheDir.resolve(name + ".git");
    }

    public SourceProperties settings() {
        return settings;
    }

    /** The commit a revision names, fetched first unless it is a commit the clone already has. */
    public synchronized SourceCommit resolve(Revision revision) {
        try (Repository repository = open()) {
            if (revision.pinned()) {
                Optional<SourceCommit> known = find(repository, revision.ref().orElseThrow());
                if (known.isPresent()) {
                    return known.get();
                }
            }
            fetch(repository);
            String wanted = revision.ref().orElse(settings.branch() == null ? Constants.HEAD : settings.branch());
            return find(repository, wanted).orElseThrow(() -> new SourceUnavailableException("'" + wanted
                    + "' is not a branch, tag or commit of " + settings.repositoryDescription()));
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot read the clone of " + settings.repositoryDescription() + ": "
                    + redact(e.getMessage()), e);
        }
    }

    /** The files below the source's path at a commit resolved before. */
    public synchronized MigrationFiles files(SourceCommit commit) {
        try (Repository repository = open(); RevWalk walk = new RevWalk(repository)) {
            RevCommit revCommit = walk.parseCommit(ObjectId.fromString(commit.sha()));
            List<String> paths = new ArrayList<>();
            Map<String, byte[]> sql = new HashMap<>();
            String prefix = settings.path().isEmpty() ? "" : settings.path() + "/";
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(revCommit.getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    String path = tree.getPathString();
                    if (path.startsWith(prefix)) {
                        String relative = path.substring(prefix.length());
                        if (!relative.startsWith(".") && !relative.contains("/.")) {
                            paths.add(relative);
                            if (relative.endsWith(".sql")) {
                                sql.put(relative, repository.open(tree.getObjectId(0)).getBytes());
                            }
                        }
                    }
                }
            }
            String where = settings.repositoryDescription() + " at " + commit.shortSha()
                    + (settings.path().isEmpty() ? "" : ", " + settings.path());
            if (paths.isEmpty() && !settings.path().isEmpty()) {
                throw new CatalogException("'" + settings.path() + "' does not exist in " + settings.repositoryDescription()
                        + " at " + commit.shortSha());
            }
            return new GitTreeFiles(where, paths, sql);
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot read commit " + commit.shortSha() + " of "
                    + settings.repositoryDescription() + ": " + redact(e.getMessage()), e);
        }
    }

    private Repository open() throws IOException {
        if (!Files.isDirectory(clone)) {
            Files.createDirectories(clone.getParent());
            try {
                Git.init().setBare(true).setDirectory(clone.toFile()).call().close();
            } catch (GitAPIException e) {
                throw new IOException("cannot create the clone in " + clone + ": " + e.getMessage(), e);
            }
        }
        return Git.open(clone.toFile()).getRepository();
    }

    private void fetch(Repository repository) {
        long started = System.nanoTime();
        try (Git git = new Git(repository)) {
            var fetch = git.fetch().setRemote(settings.repository())
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"),
                            new RefSpec("+HEAD:refs/remotes/origin/HEAD"))
                    .setRemoveDeletedRefs(true)
                    .setTimeout(60);
            credentials().ifPresent(fetch::setCredentialsProvider);
            if (settings.sshKeyFile() != null) {
                SshdSessionFactory ssh = new SshdSessionFactoryBuilder()
                        .setHomeDirectory(clone.getParent().toFile())
                        .setSshDirectory(settings.sshKeyFile().toAbsolutePath().getParent().toFile())
                        .setDefaultIdentities(dir -> List.of(settings.sshKeyFile().toAbsolutePath()))
                        .build(null);
                fetch.setTransportConfigCallback(transport -> {
                    if (transport instanceof SshTransport sshTransport) {
                        sshTransport.setSshSessionFactory(ssh);
                    }
                });
            }
            fetch.call();
            log.info("fetched source {} in {} ms", name, (System.nanoTime() - started) / 1_000_000);
        } catch (GitAPIException | RuntimeException e) {
            throw new SourceUnavailableException("cannot fetch " + settings.repositoryDescription() + ": "
                    + redact(String.valueOf(e.getMessage())), e);
        }
    }

    private Optional<CredentialsProvider> credentials() {
        if (settings.tokenEnv() == null || settings.tokenEnv().isBlank()) {
            return Optional.empty();
        }
        String token = System.getenv(settings.tokenEnv());
        if (token == null || token.isBlank()) {
            throw new SourceUnavailableException("the environment variable " + settings.tokenEnv()
                    + " that holds the access token for " + settings.repositoryDescription() + " is not set");
        }
        return Optional.of(new UsernamePasswordCredentialsProvider(settings.username(), token));
    }

    private Optional<SourceCommit> find(Repository repository, String ref) throws IOException {
        ObjectId id = null;
        if (ref.equals(Constants.HEAD)) {
            id = repository.resolve("refs/remotes/origin/HEAD");
        } else {
            for (String candidate : List.of(Constants.R_HEADS + ref, Constants.R_TAGS + ref)) {
                if (id == null) {
                    id = repository.resolve(candidate + "^{commit}");
                }
            }
            if (id == null && SHA.matcher(ref).matches()) {
                id = repository.resolve(ref + "^{commit}");
            }
        }
        if (id == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(id);
            return Optional.of(new SourceCommit(commit.getName(), commit.getShortMessage(),
                    commit.getAuthorIdent().getName(), Instant.ofEpochSecond(commit.getCommitTime()), settings.webUrl()));
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return Optional.empty();
        }
    }

    /** A message from git without the repository's credentials. */
    private String redact(String message) {
        String text = message == null ? "" : message;
        if (settings.repository() != null) {
            text = text.replace(settings.repository(), settings.repositoryDescription());
        }
        if (settings.tokenEnv() != null) {
            String token = System.getenv(settings.tokenEnv());
            if (token != null && !token.isBlank()) {
                text = text.replace(token, "*****");
            }
        }
        return text;
    }
}
