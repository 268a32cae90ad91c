package dev.migrateops.catalog;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A migration version: digits, optionally in dot- or underscore-separated parts ({@code 20251206090000},
 * {@code 1.2}, Flyway's {@code 1_2}). Compared numerically part by part, so {@code 001} equals {@code 1}
 * and {@code 10} follows {@code 9}; shown as written, so {@code 001} stays {@code 001}.
 *
 * @param parts the numbers, in order
 * @param text  the version as written in the file name
 */
public record MigrationVersion(List<BigInteger> parts, String text) implements Comparable<MigrationVersion> {

    private static final Pattern FORMAT = Pattern.compile("\\d+([._]\\d+)*");

    public MigrationVersion {
        parts = List.copyOf(parts);
    }

    public static MigrationVersion parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version: use digits, e.g. 20251206090000 or 1.2");
        }
        return new MigrationVersion(Arrays.stream(text.split("[._]")).map(BigInteger::new).toList(), text);
    }

    /** Without leading zeros, parts joined by dots: {@code 0020_1} is {@code 20.1}. For versions people type. */
    public String canonical() {
        return parts.stream().map(BigInteger::toString).collect(java.util.stream.Collectors.joining("."));
    }

    /** Whether a version written as {@code text} (e.g. in a history table) is this one. */
    public boolean is(String text) {
        try {
            return equals(parse(text));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public int compareTo(MigrationVersion other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            int c = part(i).compareTo(other.part(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private BigInteger part(int i) {
        return i < parts.size() ? parts.get(i) : BigInteger.ZERO;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationVersion other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        int end = parts.size();
        while (end > 1 && parts.get(end - 1).signum() == 0) {
            end--;
        }
        return parts.subList(0, end).hashCode();
    }

    /** As written in the file name; also what the history table keeps. */
    @Override
    public String toString() {
        return text;
    }
}
