package dev.migrateops.catalog;

import java.util.Optional;

/**
 * Which files of a git source to read: the configured branch now, a branch, tag or commit someone named,
 * or the exact commit a run is pinned to. A directory source has one revision only and ignores it.
 *
 * @param ref    a branch, tag or commit id; empty: the source's branch
 * @param pinned true when {@code ref} is the full id of the commit a run was planned on
 */
public record Revision(Optional<String> ref, boolean pinned) {

    public static Revision latest() {
        return new Revision(Optional.empty(), false);
    }

    public static Revision ref(String ref) {
        return ref == null || ref.isBlank() ? latest() : new Revision(Optional.of(ref.trim()), false);
    }

    /** A run's commit: read from the clone when it is there, fetched only when it is not. */
    public static Revision pinned(SourceCommit commit) {
        return commit == null ? latest() : new Revision(Optional.of(commit.sha()), true);
    }
}
