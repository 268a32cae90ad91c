package dev.migrateops.engine;

import dev.migrateops.text.Sizes;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * How far one long piece of a run's work is, as PostgreSQL or the backup tool reports it: an index build's phase
 * and blocks done, a long statement's time against the size of its table, a dump's bytes against the database.
 *
 * @param work        what kind of work it is
 * @param subject     what it works on: the index, the statement's first line, the database
 * @param phase       the phase as PostgreSQL names it; empty for work without phases
 * @param phaseNumber 1-based; 0 when the work has no phases or the phase is not a known one
 * @param phases      how many phases this kind of work goes through; 0 when it has none
 * @param done        units done in the current phase (or of the whole work; for a replica wait: its lag in ms)
 * @param total       units the current phase (or the work) has; 0 when unknown (for a replica wait: the limit in ms)
 * @param unit        what {@code done} and {@code total} count
 * @param sizeBytes   the size of the table or database it works on (for a replica wait: the WAL it has to replay);
 *                    0 when unknown
 * @param elapsed     since the work started
 * @param remaining   an estimate of the time left in the current phase; null when none would be honest
 * @param finished    true for the work's last report
 */
public record Progress(Work work, String subject, String phase, int phaseNumber, int phases, long done, long total, Unit unit,
                       long sizeBytes, Duration elapsed, Duration remaining, boolean finished) {

    /** The kinds of long work that report progress. */
    public enum Work { INDEX_BUILD, LONG_STATEMENT, BACKUP, RESTORE, REPLICA_WAIT }

    /** What a progress count counts. */
    public enum Unit { NONE, BLOCKS, TUPLES, BYTES, ENTRIES }

    /** Names one piece of work across its reports: the same kind on the same subject. */
    public String key() {
        return work.name().toLowerCase() + ":" + subject;
    }

    /**
     * Done against total, when that is a true fraction of the phase. A dump's bytes are not: the compressed dump is
     * smaller than the database it is compared with.
     */
    public OptionalInt percent() {
        if (total <= 0 || work == Work.BACKUP || work == Work.REPLICA_WAIT) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) Math.min(100, done * 100 / total));
    }

    /**
     * In plain words: "building index sales_tenant_idx — phase 3 of 6 (building index: scanning table), 62% (1.4 M of
     * 2.3 M blocks), about 40 s left in this phase"; once finished, "built index sales_tenant_idx in 1 min 12 s".
     */
    public String describe() {
        return switch (work) {
            case INDEX_BUILD -> finished ? "built index " + subject + " in " + Sizes.duration(elapsed)
                    : "building index " + subject + " — " + phaseWords() + counted() + left();
            case LONG_STATEMENT -> (finished ? "ran " : "running ") + subject + (finished ? " in " : " for ")
                    + Sizes.duration(elapsed) + (sizeBytes > 0 ? " on a " + Sizes.bytes(sizeBytes) + " table" : "");
            case BACKUP -> finished ? "dumped " + subject + ": " + Sizes.bytes(done) + " in " + Sizes.duration(elapsed)
                    : "dumping " + subject + ": " + Sizes.bytes(done) + " written in " + Sizes.duration(elapsed)
                    + (sizeBytes > 0 ? " (the database is " + Sizes.bytes(sizeBytes) + " on disk)" : "");
            case REPLICA_WAIT -> finished ? "waited " + Sizes.duration(elapsed) + " for " + subject + " to catch up"
                    : "waiting for " + subject + " to catch up: " + Sizes.duration(Duration.ofMillis(done)) + " behind (limit "
                    + Sizes.duration(Duration.ofMillis(total)) + ", " + Sizes.bytes(sizeBytes) + " to replay), "
                    + Sizes.duration(elapsed) + " so far";
            case RESTORE -> finished ? "restored " + subject + " in " + Sizes.duration(elapsed)
                    : "restoring " + subject + " — " + (phaseNumber > 0 ? "table " + phaseNumber + " of " + phases + " (" + phase + ")"
                    : phase) + (percent().isPresent() ? ", " : "") + counted() + ", " + Sizes.duration(elapsed) + " so far";
        };
    }

    private String phaseWords() {
        return (phaseNumber > 0 ? "phase " + phaseNumber + " of " + phases + " (" + phase + ")" : phase)
                + (percent().isPresent() ? ", " : "");
    }

    private String counted() {
        if (percent().isEmpty()) {
            return "";
        }
        return percent().getAsInt() + "% (" + Sizes.count(done) + " of "
                + Sizes.count(total) + " " + unit.name().toLowerCase() + ")";
    }

    private String left() {
        return remaining == null ? "" : ", about " + Sizes.duration(remaining) + " left"
                + (phases > 0 ? " in this phase" : "");
    }

    public Progress withRemaining(Duration estimate) {
        return new Progress(work, subject, phase, phaseNumber, phases, done, total, unit, sizeBytes, elapsed, estimate, finished);
    }

    /** The work's last report: what it was last seen doing, and how long it took in all. */
    public Progress finishedAfter(Duration took) {
        return new Progress(work, subject, phase, phaseNumber, phases, done, total, unit, sizeBytes, took, null, true);
    }
}
