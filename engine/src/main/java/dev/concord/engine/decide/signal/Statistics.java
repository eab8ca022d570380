package dev.concord.engine.decide.signal;

import java.util.Arrays;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * One-sided significance tests: each answers "is the current window worse than the reference?" with a p-value.
 * Inputs come from telemetry, so nothing here throws on odd values: they read as "not significant" (p = 1).
 */
public final class Statistics {

    private Statistics() {}

    /** P(at least {@code failures} of {@code trials} fail) when each fails with {@code referenceRate}. */
    public static double binomialWorse(long trials, long failures, double referenceRate) {
        if (trials <= 0 || failures <= 0 || failures > trials || !(referenceRate > 0) || referenceRate >= 1) {
            return 1.0;
        }
        return new BinomialTest()
                .binomialTest(
                        (int) Math.min(trials, Integer.MAX_VALUE),
                        (int) Math.min(failures, Integer.MAX_VALUE),
                        referenceRate,
                        AlternativeHypothesis.GREATER_THAN);
    }

    /** P(at least {@code count} events) when events arrive at {@code referenceMean} per window. */
    public static double poissonWorse(long count, double referenceMean) {
        if (count <= 0 || !(referenceMean > 0) || Double.isInfinite(referenceMean)) {
            return 1.0;
        }
        PoissonDistribution reference = new PoissonDistribution(referenceMean);
        return 1.0 - reference.cumulativeProbability((int) Math.min(count - 1, Integer.MAX_VALUE));
    }

    /**
     * Mann-Whitney U, as Kayenta compares canary latency: the p-value that {@code current} is drawn from the same
     * distribution as {@code reference}, halved to one side when the current median is the larger.
     */
    public static double mannWhitneyWorse(double[] current, double[] reference) {
        if (current.length == 0 || reference.length == 0) {
            return 1.0;
        }
        double twoSided = new MannWhitneyUTest().mannWhitneyUTest(current, reference);
        return median(current) > median(reference) ? twoSided / 2 : 1.0;
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
