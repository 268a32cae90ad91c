package dev.migrateops.backup;

import java.security.SecureRandom;
import java.util.Base64;

/** Passwords and names nobody can guess, for the roles and servers the bot makes for itself. */
public final class RandomSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomSecrets() {
    }

    /** {@code bytes} random bytes, URL-safe base64: letters, digits, '-' and '_'. */
    public static String token(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
