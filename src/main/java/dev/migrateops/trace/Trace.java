package dev.migrateops.trace;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The pending migrations of a target, tried in order on a copy of its schema: what each statement locked,
 * rewrote, validated and built. Or why that could not be done, which is said, never taken as a pass.
 *
 * @param copyLacks what of the target's schema the copy does not have (e.g. "2 event triggers"), said with the result
 */
public record Trace(List<MigrationTrace> migrations, Duration took, String notRunBecause, List<String> copyLacks) {

    public Trace {
        migrations = List.copyOf(migrations);
        copyLacks = List.copyOf(copyLacks);
    }

    public static Trace notRun(String why) {
        return new Trace(List.of(), Duration.ZERO, why, List.of());
    }

    public boolean ran() {
        return notRunBecause == null;
    }

    /** The traced statement at a file:line, if it was traced. */
    public Optional<StatementTrace> at(String location) {
        return migrations.stream().flatMap(m -> m.statements().stream()).filter(s -> s.location().equals(location)).findFirst();
    }
}
