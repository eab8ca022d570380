package dev.concord.engine.decide.signal;

import java.util.Arrays;
import java.util.Collection;

/**
 * Tallies of one family and scope added up over a window. Shares are of the weighted counts; the tests count the
 * observations themselves as trials, so a sampled span that stands for eight is one piece of evidence, not eight.
 */
public record Sums(double total, double bad, long samples, long firstBadMillis, double lastValue, double[] latencies) {

    public static final Sums EMPTY = new Sums(0, 0, 0, Long.MAX_VALUE, Double.NaN, new double[0]);

    public static Sums of(Collection<Tally> tallies) {
        double total = 0;
        double bad = 0;
        long samples = 0;
        long firstBad = Long.MAX_VALUE;
        double lastValue = Double.NaN;
        long lastValueMillis = Long.MIN_VALUE;
        double[] latencies = new double[0];
        for (Tally t : tallies) {
            total += t.total();
            bad += t.bad();
            samples += t.samples();
            firstBad = Math.min(firstBad, t.firstBadMillis());
            if (!Double.isNaN(t.lastValue()) && t.lastValueMillis() >= lastValueMillis) {
                lastValue = t.lastValue();
                lastValueMillis = t.lastValueMillis();
            }
            if (t.latencies().length > 0) {
                double[] joined = Arrays.copyOf(latencies, latencies.length + t.latencies().length);
                System.arraycopy(t.latencies(), 0, joined, latencies.length, t.latencies().length);
                latencies = joined;
            }
        }
        return new Sums(total, bad, samples, firstBad, lastValue, latencies);
    }

    public double share() {
        return total > 0 ? bad / total : 0;
    }

    /** The observations, unweighted: the trials of a significance test. */
    public long trials() {
        return samples;
    }

    /** The trials' failures at the weighted share: what the observations say once weights are accounted for. */
    public long failures() {
        return Math.round(samples * share());
    }
}
