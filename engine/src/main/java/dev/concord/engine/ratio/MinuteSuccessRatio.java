package dev.concord.engine.ratio;

/**
 * The share of a transaction's attempts in one cloud that succeeded during one minute of event time.
 *
 * @param minuteStartEpochMillis the start of the minute, inclusive
 * @param successRatio {@code succeeded / total}, between 0 and 1
 */
public record MinuteSuccessRatio(
        String transaction,
        String cloudProvider,
        String cloudRegion,
        long minuteStartEpochMillis,
        long total,
        long succeeded,
        double successRatio) {

    static MinuteSuccessRatio of(TransactionCloud key, long minuteStartEpochMillis, MinuteCounts counts) {
        return new MinuteSuccessRatio(
                key.transaction(),
                key.cloudProvider(),
                key.cloudRegion(),
                minuteStartEpochMillis,
                counts.total(),
                counts.succeeded(),
                (double) counts.succeeded() / counts.total());
    }
}
