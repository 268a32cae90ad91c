package dev.migrateops.run;

import dev.migrateops.catalog.Sha256;
import dev.migrateops.catalog.SourceCommit;
import dev.migrateops.lint.Finding;
import dev.migrateops.engine.PreCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a run will apply, frozen when it is requested. Approvals are bound to its fingerprint.
 *
 * @param target            the target's host/port/database — a moved target voids approvals
 * @param migrations        pending migrations in order
 * @param drift             drift messages; drift blocks approval
 * @param missingUpstream   migrations not yet applied with the same checksum on the target that must
 *                          have them first (staging before production)
 * @param lint              what the safety linter found in the pending migrations
 * @param preChecks         the live pre-checks as they stood when the plan was made (a preview)
 * @param commit            the git commit the migrations were read from — every later step reads that one;
 *                          null for a migrations directory
 * @param upstream          where the target that must have them first applied them: which run, which commit
 */
public record RunPlan(String target, List<PlannedMigration> migrations, List<String> drift, List<String> missingUpstream,
                      List<Finding> lint, List<PreCheck> preChecks, SourceCommit commit, List<String> upstream) {

    public RunPlan {
        migrations = List.copyOf(migrations);
        drift = List.copyOf(drift);
        missingUpstream = List.copyOf(missingUpstream);
        lint = lint == null ? List.of() : List.copyOf(lint);
        preChecks = preChecks == null ? List.of() : List.copyOf(preChecks);
        upstream = upstream == null ? List.of() : List.copyOf(upstream);
    }

    public RunPlan(String target, List<PlannedMigration> migrations, List<String> drift, List<String> missingUpstream,
                   List<Finding> lint, List<PreCheck> preChecks) {
        this(target, migrations, drift, missingUpstream, lint, preChecks, null, List.of());
    }

    public RunPlan(String target, List<PlannedMigration> migrations, List<String> drift, List<String> missingUpstream) {
        this(target, migrations, drift, missingUpstream, List.of(), List.of());
    }

    public RunPlan(String target, List<PlannedMigration> migrations, List<String> drift, List<String> missingUpstream,
                   List<Finding> lint) {
        this(target, migrations, drift, missingUpstream, lint, List.of());
    }

    /** Lint errors nobody acknowledged inline: they block approval until an approver overrides them. */
    public List<Finding> blockingLint() {
        return lint.stream().filter(Finding::blocking).toList();
    }

    /** Nothing stands in the way of approving it: no drift, everything applied upstream, no lint error left. */
    public boolean approvable() {
        return drift.isEmpty() && missingUpstream.isEmpty() && blockingLint().isEmpty();
    }

    /** Bound to the target, the commit (when read from git) and every migration's version and checksum. */
    public String fingerprint() {
        return Sha256.hex(target + (commit == null ? "" : "@" + commit.sha()) + "\n" + migrations.stream().map(m -> m.version() + ":" + m.checksum())
                .collect(Collectors.joining("\n")));
    }

    /** Says which migrations differ from another plan, for the card: edited, added, no longer pending. */
    public String differenceFrom(RunPlan other) {
        if (!target.equals(other.target)) {
            return "the target now points at " + other.target + " instead of " + target;
        }
        if (commit != null && other.commit != null && !commit.sha().equals(other.commit.sha())) {
            return "the migrations are now read from commit " + other.commit.shortSha() + " instead of " + commit.shortSha();
        }
        Map<String, String> was = checksums(migrations);
        Map<String, String> now = checksums(other.migrations);
        List<String> parts = new ArrayList<>();
        List<String> edited = now.keySet().stream().filter(v -> was.containsKey(v) && !was.get(v).equals(now.get(v))).toList();
        List<String> added = now.keySet().stream().filter(v -> !was.containsKey(v)).toList();
        List<String> gone = was.keySet().stream().filter(v -> !now.containsKey(v)).toList();
        if (!edited.isEmpty()) {
            parts.add("edited since it was requested: " + String.join(", ", edited));
        }
        if (!added.isEmpty()) {
            parts.add("newly pending: " + String.join(", ", added));
        }
        if (!gone.isEmpty()) {
            parts.add("no longer pending (applied meanwhile?): " + String.join(", ", gone));
        }
        return parts.isEmpty() ? "the pending migrations changed" : String.join("; ", parts);
    }

    private static Map<String, String> checksums(List<PlannedMigration> migrations) {
        Map<String, String> byVersion = new LinkedHashMap<>();
        migrations.forEach(m -> byVersion.put(m.version(), m.checksum()));
        return byVersion;
    }
}
