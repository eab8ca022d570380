package dev.concord.engine.decide.signal;

import java.util.Comparator;

/**
 * The cell and bucket a {@link Tally} counts: the key of a policy evaluator's tally state. Equal observations of one
 * bucket fall into one cell, whatever their time within it.
 *
 * <p>Keys sort by bucket, then field by field in the order declared: the order an evaluation reads its tallies in, so
 * that the same telemetry always gives the same records whatever order the state iterates in.
 */
public record TallyKey(
        long bucketMillis,
        String family,
        String cloud,
        String region,
        String tenant,
        String subject,
        String origin,
        String service,
        String version)
        implements Comparable<TallyKey> {

    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());

    private static final Comparator<TallyKey> ORDER = Comparator.comparingLong(TallyKey::bucketMillis)
            .thenComparing(TallyKey::family, TEXT)
            .thenComparing(TallyKey::cloud, TEXT)
            .thenComparing(TallyKey::region, TEXT)
            .thenComparing(TallyKey::tenant, TEXT)
            .thenComparing(TallyKey::subject, TEXT)
            .thenComparing(TallyKey::origin, TEXT)
            .thenComparing(TallyKey::service, TEXT)
            .thenComparing(TallyKey::version, TEXT);

    /** The cell of the observation in the bucket that starts at {@code bucketMillis}. */
    public static TallyKey of(Observation observation, long bucketMillis) {
        return new TallyKey(
                bucketMillis,
                observation.family(),
                observation.cloud(),
                observation.region(),
                observation.tenant(),
                observation.subject(),
                observation.origin(),
                observation.service(),
                observation.version());
    }

    @Override
    public int compareTo(TallyKey other) {
        return ORDER.compare(this, other);
    }
}
