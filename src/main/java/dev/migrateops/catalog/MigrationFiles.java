package dev.migrateops.catalog;

import java.util.List;

/**
 * Where migration files are read from: a directory on disk, or a directory of a git commit. Paths are
 * relative to its root and use {@code /}.
 */
interface MigrationFiles {

    /** What a person reads in messages: the directory, or the repository, commit and path. */
    String describe();

    /** The regular files below the root (hidden files and folders left out), in name order. */
    List<String> list();

    byte[] read(String path);
}
