package dev.concord.jobs.correlate;

import java.util.ArrayList;
import java.util.List;

/**
 * The keyed state of one transaction not yet decided: the distinct spans seen so far. Kept small on purpose: one
 * compact record per span, no attributes.
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
        List<StageRecord> more = new ArrayList<>(stages.size() + 1);
        more.addAll(stages);
        more.add(record);
        return new InFlightTransaction(transaction, transactionId, more, deadline);
    }
}
