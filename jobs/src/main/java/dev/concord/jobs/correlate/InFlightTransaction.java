package dev.concord.jobs.correlate;

import java.util.List;

/**
 * The keyed state of one transaction: while it is open, the distinct spans seen so far, kept small on purpose (one
 * compact record per span, no attributes); once decided, its tombstone, with no spans. One state for both, so that
 * deciding overwrites the entry it just read instead of inserting into a second table, and the first span of a
 * transaction looks up one table, not two.
 *
 * @param deadlineEpochMillis first start plus the maximum duration: the event time at which it times out
 * @param closedUntilEpochMillis {@link #OPEN} while in flight; once decided, until when its stragglers are dropped:
 *     the event time of the outcome plus the maximum duration
 */
public record InFlightTransaction(
        String transaction,
        String transactionId,
        List<StageRecord> stages,
        long deadlineEpochMillis,
        long closedUntilEpochMillis) {

    static final long OPEN = Long.MIN_VALUE;

    public InFlightTransaction {
        stages = List.copyOf(stages);
    }

    /** A transaction in flight. */
    public InFlightTransaction(
            String transaction, String transactionId, List<StageRecord> stages, long deadlineEpochMillis) {
        this(transaction, transactionId, stages, deadlineEpochMillis, OPEN);
    }

    boolean decided() {
        return closedUntilEpochMillis != OPEN;
    }

    /** A tombstone the watermark has passed: it no longer counts, whether or not it is still stored. */
    boolean expiredBy(long watermark) {
        return decided() && closedUntilEpochMillis <= watermark;
    }

    /** The tombstone left once decided. */
    InFlightTransaction closedUntil(long epochMillis) {
        return new InFlightTransaction(transaction, transactionId, List.of(), deadlineEpochMillis, epochMillis);
    }

    boolean hasSpan(String spanId) {
        for (StageRecord record : stages) {
            if (record.spanId().equals(spanId)) {
                return true;
            }
        }
        return false;
    }

    InFlightTransaction with(StageRecord record, long deadline) {
        // an immutable list: the constructor's List.copyOf keeps it as it is instead of copying it again
        StageRecord[] more = stages.toArray(new StageRecord[stages.size() + 1]);
        more[stages.size()] = record;
        return new InFlightTransaction(transaction, transactionId, List.of(more), deadline, OPEN);
    }
}
