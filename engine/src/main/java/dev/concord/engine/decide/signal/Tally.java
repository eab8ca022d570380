package dev.concord.engine.decide.signal;

import java.util.Arrays;

/**
 * Observations of one cell (family, cloud, region, tenant, subject, origin, service version) in one bucket of event
 * time: the unit of a policy evaluator's state, so memory grows with cells and buckets, not with traffic. Its key in
 * that state is the {@link TallyKey} of its cell and bucket.
 *
 * @param total the events observed, each weighted by how many it stands for (a sampled span's adjusted count)
 * @param bad the bad ones among them, weighted alike
 * @param samples the observations themselves, unweighted: what a significance test may count as trials
 * @param latencies the first {@link #MAX_LATENCIES} latencies of the bucket, for Mann-Whitney U
 */
public record Tally(
        String family,
        String cloud,
        String region,
        String tenant,
        String subject,
        String origin,
        String service,
        String version,
        long bucketMillis,
        double total,
        double bad,
        long samples,
        long firstBadMillis,
        double lastValue,
        long lastValueMillis,
        double[] latencies) {

    /** Enough for a rank test per bucket; more would only grow state. */
    public static final int MAX_LATENCIES = 32;

    public static Tally of(Observation o, long bucketMillis) {
        return new Tally(
                        o.family(),
                        o.cloud(),
                        o.region(),
                        o.tenant(),
                        o.subject(),
                        o.origin(),
                        o.service(),
                        o.version(),
                        bucketMillis,
                        0,
                        0,
                        0,
                        Long.MAX_VALUE,
                        Double.NaN,
                        Long.MIN_VALUE,
                        new double[0])
                .plus(o);
    }

    public Tally plus(Observation o) {
        double[] nextLatencies = latencies;
        boolean latency = !Double.isNaN(o.value()) && !Observation.RELEASE.equals(family);
        if (latency && latencies.length < MAX_LATENCIES) {
            nextLatencies = Arrays.copyOf(latencies, latencies.length + 1);
            nextLatencies[latencies.length] = o.value();
        }
        boolean newer = !Double.isNaN(o.value()) && o.timeMillis() >= lastValueMillis;
        return new Tally(
                family,
                cloud,
                region,
                tenant,
                subject,
                origin,
                service,
                version,
                bucketMillis,
                total + o.weight(),
                bad + (o.bad() ? o.weight() : 0),
                samples + 1,
                o.bad() ? Math.min(firstBadMillis, o.timeMillis()) : firstBadMillis,
                newer ? o.value() : lastValue,
                newer ? o.timeMillis() : lastValueMillis,
                nextLatencies);
    }
}
