package dev.migrateops.engine;

import java.util.Optional;

/**
 * An apply followed by verification of what it applied.
 *
 * @param verification present when something was applied
 */
public record ApplyOutcome(ApplyResult apply, Optional<VerificationReport> verification) {

    public boolean success() {
        return apply.success() && verification.map(VerificationReport::passed).orElse(true);
    }
}
