package dev.concord.engine.correlate;

import java.util.List;

/**
 * The keyed state of one transaction in flight: the distinct spans seen so far, kept small on purpose (one compact
 * record per span, no attributes). A decided transaction leaves the keyed state; its tombstone is kept by the
 * correlator (see {@link TransactionCorrelator}).
 *
 * @param deadlineEpochMillis first start plus the maximum duration: the event time at which it times out
 */
public record InFlightTransaction(
        String transaction, String transactionId, List<StageRecord> stages, long deadlineEpochMillis) {

    public InFlightTransaction {
        stages = List.copyOf(stages);
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
        return new InFlightTransaction(transaction, transactionId, List.of(more), deadline);
    }
}
