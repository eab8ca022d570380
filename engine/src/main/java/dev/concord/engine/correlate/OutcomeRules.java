package dev.concord.engine.correlate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides a transaction's outcome from the spans seen, as of an event time. Only spans that ended by then count, so
 * the decision depends on event time alone, never on the order spans arrived in.
 */
final class OutcomeRules {

    private static final Comparator<StageRecord> BY_END =
            Comparator.comparingLong(StageRecord::endEpochMillis).thenComparing(StageRecord::spanId);
    private static final Comparator<StageRecord> BY_START =
            Comparator.comparingLong(StageRecord::startEpochMillis).thenComparing(StageRecord::spanId);

    private OutcomeRules() {}

    /** True for a span whose end may decide the transaction: the completing stage succeeding, or a failed root. */
    static boolean decisive(TransactionSpec spec, StageRecord record) {
        return completes(spec, record) || failsForGood(record);
    }

    /**
     * The outcome known at {@code asOfMillis}, if any: the earliest completing or failing span decides; when both end
     * at the same millisecond the failure wins.
     */
    static Optional<TransactionOutcome> decide(
            TransactionSpec spec, String transactionId, List<StageRecord> records, long asOfMillis) {
        // the first of equals is kept, as Stream.min keeps it
        StageRecord firstCompletion = null;
        StageRecord firstFailure = null;
        for (StageRecord record : records) {
            if (record.endEpochMillis() > asOfMillis) {
                continue;
            }
            if (completes(spec, record) && (firstCompletion == null || BY_END.compare(record, firstCompletion) < 0)) {
                firstCompletion = record;
            }
            if (failsForGood(record) && (firstFailure == null || BY_END.compare(record, firstFailure) < 0)) {
                firstFailure = record;
            }
        }
        if (firstFailure != null
                && (firstCompletion == null || firstFailure.endEpochMillis() <= firstCompletion.endEpochMillis())) {
            long end = firstFailure.endEpochMillis();
            List<StageRecord> upToFailure = endedBy(records, end);
            StageRecord cause = cause(upToFailure).orElse(firstFailure);
            return Optional.of(
                    outcome(spec, transactionId, upToFailure, end, Outcome.FAILED, cause.stage(), cause.service()));
        }
        if (firstCompletion == null) {
            return Optional.empty();
        }
        long end = firstCompletion.endEpochMillis();
        return Optional.of(outcome(spec, transactionId, endedBy(records, end), end, Outcome.COMPLETED, "", ""));
    }

    /** The transaction at its deadline: failed in the first stage, in order, that had not succeeded. */
    static TransactionOutcome timedOut(
            TransactionSpec spec, String transactionId, List<StageRecord> records, long deadlineMillis) {
        return stuck(spec, transactionId, records, deadlineMillis, Outcome.TIMED_OUT);
    }

    /** As {@link #timedOut}, for a transaction whose missing stages may only have gone unreported. */
    static TransactionOutcome telemetryGap(
            TransactionSpec spec, String transactionId, List<StageRecord> records, long deadlineMillis) {
        return stuck(spec, transactionId, records, deadlineMillis, Outcome.TELEMETRY_GAP);
    }

    private static TransactionOutcome stuck(
            TransactionSpec spec,
            String transactionId,
            List<StageRecord> records,
            long deadlineMillis,
            Outcome outcome) {
        List<StageRecord> ended = endedBy(records, deadlineMillis);
        String stuckIn = spec.stages().stream()
                .filter(stage -> ended.stream().noneMatch(r -> r.stage().equals(stage) && r.success()))
                .findFirst()
                .orElse(spec.completesAt());
        String service = ended.stream()
                .filter(r -> r.stage().equals(stuckIn) && !r.success())
                .max(BY_END)
                .map(StageRecord::service)
                .orElse("");
        // a transaction whose every span outlasted the deadline still has a first stage to be told by
        List<StageRecord> known = ended.isEmpty() ? records : ended;
        return outcome(spec, transactionId, known, deadlineMillis, outcome, stuckIn, service);
    }

    private static boolean completes(TransactionSpec spec, StageRecord record) {
        return record.success() && record.stage().equals(spec.completesAt());
    }

    private static boolean failsForGood(StageRecord record) {
        return record.root() && !record.success();
    }

    /** The failed span that ended first is where the failure started; the root only reports it. */
    private static Optional<StageRecord> cause(List<StageRecord> ended) {
        return ended.stream().filter(r -> !r.success() && !r.root()).min(BY_END);
    }

    static List<StageRecord> endedBy(List<StageRecord> records, long asOfMillis) {
        List<StageRecord> ended = new ArrayList<>(records.size());
        for (StageRecord record : records) {
            if (record.endEpochMillis() <= asOfMillis) {
                ended.add(record);
            }
        }
        return ended;
    }

    private static TransactionOutcome outcome(
            TransactionSpec spec,
            String transactionId,
            List<StageRecord> ended,
            long endMillis,
            Outcome outcome,
            String failingStage,
            String failingService) {
        List<StageRecord> stages = new ArrayList<>(ended);
        stages.sort(BY_START);
        StageRecord first = stages.get(0);
        return new TransactionOutcome(
                spec.name(),
                transactionId,
                first.tenant(),
                first.cloudProvider(),
                first.cloudRegion(),
                first.startEpochMillis(),
                endMillis,
                endMillis - first.startEpochMillis(),
                outcome == Outcome.COMPLETED,
                outcome,
                failingStage,
                failingService,
                stages,
                first.adjustedCount(),
                List.of());
    }
}
