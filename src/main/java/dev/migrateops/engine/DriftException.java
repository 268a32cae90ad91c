package dev.migrateops.engine;

import java.util.List;
import java.util.stream.Collectors;

/** Apply refused because the target's history and the files disagree. */
public class DriftException extends RuntimeException {
    private final List<Drift> drift;

    public DriftException(String target, List<Drift> drift) {
        super("drift on " + target + " blocks apply:\n" + drift.stream().map(d -> "  - " + d.message())
                .collect(Collectors.joining("\n")));
        this.drift = List.copyOf(drift);
    }

    public List<Drift> drift() {
        return drift;
    }
}
