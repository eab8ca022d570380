package dev.concord.engine.correlate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides a transaction's outcome from the spans seen, as of an event time. Only spans that ended by then count, so
 * the decision depends on event time alone, never on the order spans arrived in. {@code slo-rules/SPEC.md} gives the
 * rules with a worked timeline.
 */
final class OutcomeRules {

    private static final Comparator<StageRecord> BY_END =
            Comparator.comparingLong(StageRecord::endEpochMillis).thenComparing(StageRecord::spanId);
    private static final Comparator<StageRecord> BY_START =
            Comparator.comparingLong(StageRecord::startEpochMillis).thenComparing(StageRecord::spanId);

    private OutcomeRules() {}

    /** True for a span that may decide the transaction: the completing stage succeeding, or a failing span. */
    static boolean decisive(TransactionSpec spec, StageRecord record) {
        return completes(spec, record) || fails(spec, record);
    }

    /**
     * When a decisive span decides, unless something else decided first: a completion at its end, a failure once the
     * retry grace after its end has passed.
     */
    static long decidesAt(TransactionSpec spec, StageRecord record) {
        return completes(spec, record) ? record.endEpochMillis() : record.endEpochMillis() + spec.retryWithinMillis();
    }

    /**
     * The outcome known at {@code asOfMillis}, if any: the earliest completion or failure decides; when both come at
     * the same millisecond the failure wins. A failure comes when the retry grace after the failed span's end has
     * passed, and not at all when a successful span of the same stage ended within the grace.
     */
    static Optional<TransactionOutcome> decide(
            TransactionSpec spec, String transactionId, List<StageRecord> records, long asOfMillis) {
        // the first of equals is kept, as Stream.min keeps it
        StageRecord firstCompletion = null;
        StageRecord firstFailure = null;
        long failureAt = Long.MAX_VALUE;
        for (StageRecord record : records) {
            if (completes(spec, record)
                    && record.endEpochMillis() <= asOfMillis
                    && (firstCompletion == null || BY_END.compare(record, firstCompletion) < 0)) {
                firstCompletion = record;
            }
            if (fails(spec, record)) {
                long at = decidesAt(spec, record);
                if (at <= asOfMillis
                        && (firstFailure == null
                                || at < failureAt
                                || at == failureAt && BY_END.compare(record, firstFailure) < 0)
                        && !retried(spec, record, records)) {
                    firstFailure = record;
                    failureAt = at;
                }
            }
        }
        if (firstFailure != null && (firstCompletion == null || failureAt <= firstCompletion.endEpochMillis())) {
            List<StageRecord> upToFailure = endedBy(records, failureAt);
            StageRecord cause = cause(spec, upToFailure).orElse(firstFailure);
            return Optional.of(outcome(
                    spec, transactionId, upToFailure, failureAt, Outcome.FAILED, cause.stage(), cause.service()));
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

    private static boolean fails(TransactionSpec spec, StageRecord record) {
        return !record.success() && (record.root() || spec.failure().onStageError());
    }

    /** Whether a successful span of the failed span's stage ended after it, within the retry grace. */
    private static boolean retried(TransactionSpec spec, StageRecord failed, List<StageRecord> records) {
        long grace = spec.retryWithinMillis();
        if (grace == 0) {
            return false;
        }
        long from = failed.endEpochMillis();
        for (StageRecord record : records) {
            if (record.success()
                    && record.stage().equals(failed.stage())
                    && record.endEpochMillis() > from
                    && record.endEpochMillis() <= from + grace) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failed span that ended first, of those no retry made good, is where the failure started; a root only
     * reports it.
     */
    private static Optional<StageRecord> cause(TransactionSpec spec, List<StageRecord> ended) {
        return ended.stream()
                .filter(r -> !r.success() && !r.root() && !retried(spec, r, ended))
                .min(BY_END);
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
