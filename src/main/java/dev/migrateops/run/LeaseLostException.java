package dev.migrateops.run;

/**
 * This instance no longer holds the run's lease — another one took the run over, after this one could not
 * renew it (its store was away longer than the lease) — so it must not write anything more for the run.
 */
class LeaseLostException extends RuntimeException {

    LeaseLostException(long runId) {
        super("run #" + runId + " is no longer this instance's: another instance took it over");
    }
}
