package dev.migrateops.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A benchmark's figure with its spread: the median and the range of the rounds' times. */
public final class Spread {

    private Spread() {
    }

    /** "median 45 ms (38–59)" from times in nanoseconds. */
    public static String of(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("median %.0f ms (%.0f–%.0f)", sorted.get(sorted.size() / 2) / 1e6, sorted.get(0) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }
}
