package dev.migrateops.text;

/** Counts in words, with the plural right: "1 row", "2 rows", "1 index", "3 indexes". */
public final class Plural {

    private Plural() {
    }

    /** {@code n} and the noun, adding "s" (or "es" after s, x, ch and sh) unless n is 1. */
    public static String of(long n, String noun) {
        if (n == 1) {
            return n + " " + noun;
        }
        boolean es = noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh");
        return n + " " + noun + (es ? "es" : "s");
    }
}
