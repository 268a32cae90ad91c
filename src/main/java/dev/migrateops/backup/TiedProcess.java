package dev.migrateops.backup;

import java.util.ArrayList;
import java.util.List;

/**
 * A command that ends with a given process: a small shell watches that process and ends the command within a second
 * of its end, SIGKILL included (the JVM cannot ask the kernel for that itself).
 */
public final class TiedProcess {

    /**
     * $1 is the process to outlive no more; the rest is the command. Exits with the command's status. The watcher
     * keeps none of the command's streams: its last {@code sleep} would hold a reader of them for up to a second.
     */
    private static final String WATCHED = "parent=$1; shift; \"$@\" & child=$!;"
            + " ( while kill -0 \"$parent\" 2>/dev/null; do sleep 1; done; kill \"$child\" 2>/dev/null ) </dev/null >/dev/null 2>&1 &"
            + " watcher=$!;"
            + " wait \"$child\"; status=$?; kill \"$watcher\" 2>/dev/null; exit $status";

    private TiedProcess() {
    }

    /** The command, ended when this JVM ends. */
    public static List<String> command(List<String> command) {
        return command(command, ProcessHandle.current().pid());
    }

    /** The command, ended when process {@code outlive} ends. */
    static List<String> command(List<String> command, long outlive) {
        List<String> watched = new ArrayList<>(List.of("/bin/sh", "-c", WATCHED, "migrateops-pg", String.valueOf(outlive)));
        watched.addAll(command);
        return watched;
    }
}
