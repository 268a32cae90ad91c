package dev.migrateops.run;

/** A person asked for something the policy does not allow; the message says why and what to do instead. */
public class RunRefusedException extends RuntimeException {
    public RunRefusedException(String message) {
        super(message);
    }
}
