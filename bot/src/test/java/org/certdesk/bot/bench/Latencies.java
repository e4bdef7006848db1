package org.certdesk.bot.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds; percentiles by nearest rank. */
final class Latencies {
    private long[] samples = new long[1024];
    private int count;

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.count; i++) {
                all.add(part.samples[i]);
            }
        }
        Arrays.sort(all.samples, 0, all.count);
        return all;
    }

    int count() {
        return count;
    }

    /** On a merged (sorted) set: the {@code q} quantile in milliseconds, NaN when empty. */
    double millis(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * count);
        return samples[Math.min(count - 1, Math.max(0, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return count == 0 ? Double.NaN : samples[count - 1] / 1e6;
    }

    double meanMillis() {
        if (count == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += samples[i];
        }
        return sum / count / 1e6;
    }
}
