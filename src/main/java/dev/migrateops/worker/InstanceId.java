package dev.migrateops.worker;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This bot instance, among the ones that share a store: it leases the runs it executes, and its sessions on
 * targets carry its id in {@code application_name}, so another instance can tell a dead one's leftovers.
 *
 * @param value e.g. {@code mo-3fa91c}
 */
public record InstanceId(String value) {

    public InstanceId {
        if (!value.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("an instance id is 1 to 32 of a-z, 0-9 and '-': " + value);
        }
    }

    /** A new id for a starting instance. */
    public static InstanceId random() {
        byte[] bytes = new byte[3];
        new SecureRandom().nextBytes(bytes);
        return new InstanceId("mo-" + HexFormat.of().formatHex(bytes));
    }

    /** The {@code application_name} of this instance's sessions on targets; a run's sessions add its number. */
    public String applicationName() {
        return "migrateops/" + value;
    }
}
