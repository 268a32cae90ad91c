package dev.migrateops.text;

import java.util.Locale;

/** Sizes and counts in words a person reads at a glance: "340 MB", "1.4 GB", "2.3 M". */
public final class Sizes {

    private Sizes() {
    }

    /** "512 kB", "340 MB", "1.4 GB". */
    public static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.0f MB", n / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.0f kB", n / 1024.0);
    }

    /** "950", "12 k", "2.3 M". */
    public static String count(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f M", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.0f k", n / 1e3);
        }
        return String.valueOf(n);
    }

    /** "850 ms", "12 s", "1 min 12 s", "2 h 5 min". */
    public static String duration(java.time.Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
