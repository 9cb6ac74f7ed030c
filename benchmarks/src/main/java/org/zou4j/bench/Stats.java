package org.zou4j.bench;

import java.util.Arrays;

/** Order statistics of a sample of durations or sizes. */
final class Stats {
    private final double[] sorted;

    Stats(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(this.sorted);
    }

    static Stats ofNanos(long[] nanos) {
        double[] ms = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        return new Stats(ms);
    }

    int count() {
        return sorted.length;
    }

    double median() {
        return percentile(50);
    }

    double p99() {
        return percentile(99);
    }

    double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** Nearest-rank percentile: with fewer than 100 samples, p99 is the maximum. */
    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
